package postgres

import (
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// The word counts consolidation reads (consolidate.WordSource). Writes are
// queued with the other view rows and sent at the next flush, so what this
// transaction counted is kept in wordDocs and words until then and added
// to what the tables say.

// wordTally is what this transaction counted: documents and word uses.
type wordTally struct {
	docs  map[string]bool
	words map[string]int
}

func (w *wtx) tally() *wordTally {
	if w.wordTally == nil {
		w.wordTally = &wordTally{docs: map[string]bool{}, words: map[string]int{}}
	}
	return w.wordTally
}

// wordDocs is how many documents have been counted, this transaction's
// included (meta 'word_docs', kept current by setViewMeta).
func (w *wtx) wordDocs() (int, error) {
	v, err := w.viewMeta("word_docs")
	if err != nil || v == "" {
		return 0, err
	}
	return strconv.Atoi(v)
}

func (w *wtx) WordCounts(words []string) (int, []int, error) {
	docs, err := w.wordDocs()
	if err != nil {
		return 0, nil, err
	}
	counts := make([]int, len(words))
	at := make(map[string][]int, len(words))
	for i, word := range words {
		at[word] = append(at[word], i)
	}
	err = each(w.ctx, w.tx, "SELECT word, docs FROM view_words WHERE word = ANY($1)", []any{words}, func(rows pgx.Rows) error {
		var word string
		var n int
		if err := rows.Scan(&word, &n); err != nil {
			return err
		}
		for _, k := range at[word] {
			counts[k] = n
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	if t := w.wordTally; t != nil {
		for i, word := range words {
			counts[i] += t.words[word]
		}
	}
	return docs, counts, nil
}

func (w *wtx) DocCounted(docID string) (bool, error) {
	if t := w.wordTally; t != nil && t.docs[docID] {
		return true, nil
	}
	return w.row("SELECT 1 FROM view_word_docs WHERE doc_id = $1", []any{docID}, new(int))
}

func (w *wtx) PutWords(docs []string, counts map[string]int) error {
	if len(docs) == 0 && len(counts) == 0 {
		return nil
	}
	n, err := w.wordDocs()
	if err != nil {
		return err
	}
	t := w.tally()
	for _, d := range docs {
		t.docs[d] = true
	}
	w.setViewMeta("word_docs", strconv.Itoa(n+len(docs)))
	words := make([]string, 0, len(counts))
	for word := range counts {
		words = append(words, word)
	}
	slices.Sort(words)
	ns := make([]int32, len(words))
	for i, word := range words {
		ns[i] = int32(counts[word])
		t.words[word] += counts[word]
	}
	b := w.viewOps()
	b.Queue(`INSERT INTO view_word_docs (doc_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, docs)
	b.Queue(`INSERT INTO view_words (word, docs) SELECT * FROM unnest($1::text[], $2::integer[])
		ON CONFLICT (word) DO UPDATE SET docs = view_words.docs + excluded.docs`, words, ns)
	return nil
}
