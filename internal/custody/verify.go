package custody

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"golang.org/x/mod/sumdb/tlog"

	"sitrep"
	"sitrep/internal/store"
	"sitrep/internal/views"
)

// Mismatch is one disagreement Verify found: between a record and its
// stored hash, between a row and its record, between a hash and the bytes
// it should cover, or between what the store shows and what its records
// make of it.
type Mismatch struct {
	Index int64 // log record index checked against; -1 for the tree as a whole or an index
	// Table names the derived row that disagrees ("events", "claims",
	// "actors", "events_fts"…); empty for the log's own records and the
	// rows they record.
	Table    string
	Kind     string // record kind: original, document, derived, link, edit, decision
	Subject  string // what it is about: a hash, a document id, an event key
	What     string // which check failed
	Expected string
	Found    string
}

func (m *Mismatch) Error() string {
	var where string
	switch {
	case m.Table != "" && m.Index >= 0:
		where = fmt.Sprintf("%s row %s (against record %d)", m.Table, m.Subject, m.Index)
	case m.Table != "":
		where = fmt.Sprintf("%s row %s", m.Table, m.Subject)
	case m.Index >= 0 && m.Kind != "":
		where = fmt.Sprintf("record %d (%s %s)", m.Index, m.Kind, m.Subject)
	case m.Index >= 0:
		where = fmt.Sprintf("record %d", m.Index)
	case m.Kind == "head":
		where = "the heads journal " + m.Subject
	default:
		where = "tree"
	}
	return fmt.Sprintf("custody mismatch at %s: %s: expected %s, found %s", where, m.What, m.Expected, m.Found)
}

func (m *Mismatch) Unwrap() error { return ErrMismatch }

// Report sums up a verification.
type Report struct {
	Tree       Tree  `json:"tree"`
	Originals  int64 `json:"originals"`
	Documents  int64 `json:"documents"`
	Derived    int64 `json:"derived"`
	Superseded int64 `json:"superseded"` // replaced extraction results kept and checked
	Links      int64 `json:"links"`
	Edits      int64 `json:"edits"`
	Decisions  int64 `json:"decisions"`
	Events     int64 `json:"events"` // shown rows recomputed and compared
	Claims     int64 `json:"claims"`
	Actors     int64 `json:"actors"`
	Indexes    bool  `json:"indexes"` // the backend's indexes were checked too
	Bytes      int64 `json:"bytes"`   // original bytes hashed
	// Incidents, Redirects and Framing count the view rows compared with
	// those recomputed from the log.
	Incidents int64 `json:"incidents"`
	Redirects int64 `json:"redirects"`
	Framing   int64 `json:"framing"`
	Edges     int64 `json:"edges"`    // claim edges
	Violence  int64 `json:"violence"` // violence edges and actors' incident counts
	// Figures counts the actors whose stored figures (incidents by role,
	// claims made and about) were compared with those recounted.
	Figures  int64       `json:"figures"`
	Notes    []string    `json:"notes,omitempty"`
	Problems []*Mismatch `json:"problems,omitempty"`
}

// maxProblems bounds the report: after a few the cause is clear.
const maxProblems = 100

// Verify checks the whole store against its custody log, as described in
// the package comment. It returns the report and, if anything disagrees,
// the earliest mismatch by log position (also Report.Problems[0]); a
// disagreement of the tree as a whole or of an index comes after any of
// single records.
func (l *Log) Verify(ctx context.Context) (Report, error) {
	v := &verifier{ctx: ctx, st: l.st, dir: l.dir, latest: map[[16]byte]int64{}, replaced: map[int64]replacement{}, lastDerived: map[string]replacement{},
		edits: map[string][]store.Edit{}, tally: store.NewActorTally()}
	rep, err := v.run()
	if err != nil {
		return rep, fmt.Errorf("custody: verify: %w", err)
	}
	if len(rep.Problems) > 0 {
		return rep, rep.Problems[0]
	}
	return rep, nil
}

type verifier struct {
	ctx    context.Context
	st     store.Store
	dir    string
	leaves []tlog.Hash        // record hashes recomputed from the records
	latest map[[16]byte]int64 // object → index of its latest record; -1 once its row was seen
	// replaced maps the index of each extraction record a later one
	// replaced to what it named and the replacing record.
	replaced    map[int64]replacement
	lastDerived map[string]replacement // document → its latest extraction record (index in by)
	// weak: replaced results are missing, so actors' descriptions can
	// only be checked against the results kept.
	weak  bool
	edits map[string][]store.Edit // by event key, oldest first
	tally *store.ActorTally
	// described are the actor references of replaced results, in log
	// order, waiting to be described in turn with the current results.
	described []describedResult
	rep       Report
}

type replacement struct {
	doc, hash string
	by        int64
}

// describedResult is what the actor tally needs of one replaced result.
type describedResult struct {
	index int64
	r     sitrep.Result // only its actors, events' actors and claims' actors
}

func objectKey(kind, subject string) [16]byte {
	sum := sha256.Sum256([]byte(kind + "\x00" + subject))
	var k [16]byte
	copy(k[:], sum[:])
	return k
}

func (v *verifier) problem(m *Mismatch) {
	if len(v.rep.Problems) < maxProblems {
		// Keep them ordered by log position so the first is the earliest.
		// A tree-level or index mismatch says least about where: last.
		pos := func(m *Mismatch) int64 {
			if m.Index < 0 {
				return 1<<63 - 1
			}
			return m.Index
		}
		i := len(v.rep.Problems)
		for i > 0 && pos(v.rep.Problems[i-1]) > pos(m) {
			i--
		}
		v.rep.Problems = append(v.rep.Problems, nil)
		copy(v.rep.Problems[i+1:], v.rep.Problems[i:])
		v.rep.Problems[i] = m
	}
}

func (v *verifier) note(format string, args ...any) {
	v.rep.Notes = append(v.rep.Notes, fmt.Sprintf(format, args...))
}

func (v *verifier) run() (Report, error) {
	steps := []func() error{v.records, v.heads, v.originals, v.documents, v.loadEdits, v.decisions, v.superseded, v.derived,
		v.actors, v.indexes, v.views, v.missing}
	for _, step := range steps {
		if err := step(); err != nil {
			return v.rep, err
		}
	}
	return v.rep, nil
}

// records walks the log: each record's hash must be the stored leaf hash,
// every interior node of the Merkle tree stored for it must be the hash of
// its children as recomputed from the records, and the root over the
// recomputed hashes must be the stored root.
func (v *verifier) records() error {
	n, err := v.st.LogSize(v.ctx)
	if err != nil {
		return err
	}
	var stack []subtree // complete subtrees, largest first
	const chunk = 512
	var batch [][]byte
	var start int64
	flush := func() error {
		// The hashes tlog stored for these records are consecutive.
		first, end := tlog.StoredHashIndex(0, start), tlog.StoredHashIndex(0, start+int64(len(batch)))
		idx := make([]int64, 0, end-first)
		for i := first; i < end; i++ {
			idx = append(idx, i)
		}
		stored, err := v.st.ReadHashes(v.ctx, idx)
		if err != nil {
			v.problem(&Mismatch{Index: start, What: fmt.Sprintf("stored hashes of records %d–%d", start, start+int64(len(batch))-1),
				Expected: "present", Found: err.Error()})
			stored = nil
		}
		k := 0 // position in stored
		for i, data := range batch {
			at := start + int64(i)
			h := tlog.RecordHash(data)
			v.leaves = append(v.leaves, h)
			var made []tlog.Hash
			stack, made = push(stack, subtree{1, h})
			r, err := store.DecodeRecord(data)
			kind, subject := "", ""
			if err == nil {
				kind, subject = r.Kind, r.Subject()
			}
			if stored != nil {
				if stored[k] != h {
					v.problem(&Mismatch{Index: at, Kind: kind, Subject: subject, What: "record hash", Expected: stored[k].String(), Found: h.String()})
				}
				for level, node := range made {
					if s := stored[k+1+level]; s != node {
						v.problem(&Mismatch{Index: at, Kind: kind, Subject: subject,
							What:     fmt.Sprintf("interior node of the Merkle tree (level %d, node %d)", level+1, at>>(level+1)),
							Expected: node.String(), Found: s.String()})
					}
				}
			}
			k += 1 + len(made)
			if err != nil {
				v.problem(&Mismatch{Index: at, What: "record does not parse", Expected: "a sitrep custody record", Found: err.Error()})
				continue
			}
			key := objectKey(r.Kind, subject)
			if d := r.Derived; d != nil {
				if prev, ok := v.lastDerived[d.DocID]; ok {
					v.replaced[prev.by] = replacement{prev.doc, prev.hash, at}
				}
				v.lastDerived[d.DocID] = replacement{d.DocID, d.ResultHash, at}
			}
			v.latest[key] = at
		}
		start += int64(len(batch))
		batch = batch[:0]
		return nil
	}
	errGap := errors.New("gap")
	err = v.st.LogRecords(v.ctx, 0, func(i int64, data []byte) error {
		if want := start + int64(len(batch)); i != want {
			// The tree cannot be recomputed past a gap: the walk stops,
			// and the records after it show as outside the log.
			v.problem(&Mismatch{Index: want, What: "log record missing", Expected: fmt.Sprintf("record %d", want),
				Found: fmt.Sprintf("record %d next", i)})
			return errGap
		}
		batch = append(batch, data)
		if len(batch) == chunk {
			return flush()
		}
		return nil
	})
	if (err == nil || errors.Is(err, errGap)) && len(batch) > 0 {
		err = flush()
	}
	if err != nil && !errors.Is(err, errGap) {
		return err
	}
	if start != n {
		v.problem(&Mismatch{Index: -1, What: "log size", Expected: fmt.Sprint(n), Found: fmt.Sprint(start)})
	}
	root := rootOf(stack)
	v.rep.Tree = Tree{start, root}
	stored, err := tlog.TreeHash(n, tlog.HashReaderFunc(func(idx []int64) ([]tlog.Hash, error) { return v.st.ReadHashes(v.ctx, idx) }))
	if err != nil {
		v.problem(&Mismatch{Index: -1, What: "tree root from stored hashes", Expected: root.String(), Found: err.Error()})
		return nil
	}
	if stored != root {
		v.problem(&Mismatch{Index: -1, What: "tree root from stored hashes vs. from records", Expected: stored.String(), Found: root.String()})
	}
	return nil
}

// subtree is a complete subtree of the log: its leaf count and hash.
type subtree struct {
	size int64
	hash tlog.Hash
}

// push adds a leaf, merging equal-sized subtrees as RFC 6962 does. It
// returns the hashes of the interior nodes the merges made, lowest first:
// the hashes tlog stores for the record after its leaf hash.
func push(stack []subtree, s subtree) ([]subtree, []tlog.Hash) {
	var made []tlog.Hash
	stack = append(stack, s)
	for len(stack) >= 2 && stack[len(stack)-1].size == stack[len(stack)-2].size {
		a, b := stack[len(stack)-2], stack[len(stack)-1]
		h := tlog.NodeHash(a.hash, b.hash)
		made = append(made, h)
		stack = append(stack[:len(stack)-2], subtree{a.size * 2, h})
	}
	return stack, made
}

// rootOf folds the complete subtrees, right to left, into the tree hash.
func rootOf(stack []subtree) tlog.Hash {
	if len(stack) == 0 {
		return sha256.Sum256(nil) // the hash of the empty tree, as tlog.TreeHash(0)
	}
	h := stack[len(stack)-1].hash
	for i := len(stack) - 2; i >= 0; i-- {
		h = tlog.NodeHash(stack[i].hash, h)
	}
	return h
}

// rootOfPrefix is the tree hash over the first n recomputed leaves.
func (v *verifier) rootOfPrefix(n int64) tlog.Hash {
	var stack []subtree
	for _, h := range v.leaves[:n] {
		stack, _ = push(stack, subtree{1, h})
	}
	return rootOf(stack)
}

// heads compares the log with the journal of heads the store wrote
// outside its database after each commit (store.HeadsFile). A log shorter
// than the journal's longest head lost committed records; a log whose
// first records no longer hash to that head was rewritten.
func (v *verifier) heads() error {
	if v.dir == "" {
		return nil
	}
	hs, err := store.ReadHeads(v.dir)
	if errors.Is(err, fs.ErrNotExist) {
		v.note("no %s beside the store: records lost with a write-ahead log cannot be detected", store.HeadsFile)
		return nil
	}
	if err != nil {
		return err
	}
	if len(hs) == 0 {
		return nil
	}
	top := hs[0]
	for _, h := range hs[1:] {
		if h.Size > top.Size {
			top = h
		}
	}
	n := v.rep.Tree.Size
	if top.Size > n {
		added := map[string]int{}
		first := top.At
		commits := 0
		for _, h := range hs {
			if h.Size > n {
				commits++
				for k, c := range h.Added {
					added[k] += c
				}
				if h.At.Before(first) {
					first = h.At
				}
			}
		}
		var kinds []string
		for _, k := range []string{store.RecordOriginal, store.RecordDocument, store.RecordDerived, store.RecordLink, store.RecordEdit, store.RecordDecision} {
			if added[k] > 0 {
				kinds = append(kinds, fmt.Sprintf("%d %s", added[k], k))
			}
		}
		what := "records 0–" + fmt.Sprint(n-1)
		if n == 0 {
			what = "no records"
		}
		v.problem(&Mismatch{Index: -1, Kind: "head", Subject: store.HeadsFile,
			What:     "committed records are missing from the database (its write-ahead log was lost after a crash, or an older copy replaced it)",
			Expected: fmt.Sprintf("%d records, as the head journalled at %s says", top.Size, top.At.Format("2006-01-02T15:04:05Z")),
			Found: fmt.Sprintf("%s; records %d–%d are missing: the last %d commits (%s to %s), which added %s",
				what, n, top.Size-1, commits, first.Format("2006-01-02T15:04:05Z"), top.At.Format("2006-01-02T15:04:05Z"), strings.Join(kinds, ", "))})
		return nil
	}
	if root := v.rootOfPrefix(top.Size); root != top.Hash {
		v.problem(&Mismatch{Index: -1, Kind: "head", Subject: store.HeadsFile,
			What:     fmt.Sprintf("the first %d records no longer hash to the head journalled at %s (records were rewritten)", top.Size, top.At.Format("2006-01-02T15:04:05Z")),
			Expected: top.Hash.String(), Found: root.String()})
		return nil
	}
	if top.Size < n {
		v.note("%s is %d records behind the log (a process stopped between a commit and its journal line, or could not write it)", store.HeadsFile, n-top.Size)
	}
	return nil
}

// row checks that a stored row is exactly what its latest log record says.
func (v *verifier) row(r store.Record, index int64) {
	key := objectKey(r.Kind, r.Subject())
	latest, ok := v.latest[key]
	data := r.Encode()
	if index >= 0 && index < int64(len(v.leaves)) && tlog.RecordHash(data) != v.leaves[index] {
		if old, differs := r.Legacy(); differs && tlog.RecordHash(old.Encode()) == v.leaves[index] {
			data = old.Encode()
		}
	}
	switch {
	case index < 0 || index >= int64(len(v.leaves)):
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "row points outside the log", Expected: fmt.Sprintf("index < %d", len(v.leaves)), Found: fmt.Sprint(index)})
	case tlog.RecordHash(data) != v.leaves[index]:
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "stored row differs from its record",
			Expected: strings.TrimSpace(v.recordText(index)), Found: strings.TrimSpace(string(data))})
	case !ok:
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "row has no record", Expected: "a record", Found: "none"})
	case latest >= 0 && latest != index:
		v.problem(&Mismatch{Index: index, Kind: r.Kind, Subject: r.Subject(), What: "row is not the latest recorded version",
			Expected: fmt.Sprintf("record %d", latest), Found: fmt.Sprintf("record %d", index)})
	}
	if ok {
		v.latest[key] = -1
	}
}

func (v *verifier) recordText(index int64) string {
	var out string
	stop := errors.New("stop")
	v.st.LogRecords(v.ctx, index, func(_ int64, data []byte) error { out = string(data); return stop })
	return out
}

func (v *verifier) originals() error {
	return v.st.ScanOriginals(v.ctx, func(o store.Original) error {
		v.rep.Originals++
		v.row(store.OriginalRec(o), o.LogIndex)
		rc, err := v.st.OpenOriginal(v.ctx, o.Hash)
		if err != nil {
			v.problem(&Mismatch{Index: o.LogIndex, Kind: store.RecordOriginal, Subject: o.Hash, What: "original bytes of " + o.Source, Expected: "readable", Found: err.Error()})
			return nil
		}
		defer rc.Close()
		h := sha256.New()
		size, err := io.Copy(h, rc)
		if err != nil {
			return fmt.Errorf("read original %s: %w", o.Hash, err)
		}
		v.rep.Bytes += size
		got := fmt.Sprintf("sha256:%x", h.Sum(nil))
		if got != o.Hash || size != o.Size {
			v.problem(&Mismatch{Index: o.LogIndex, Kind: store.RecordOriginal, Subject: o.Hash,
				What:     fmt.Sprintf("original bytes of %s (captured %s)", o.Source, o.CapturedAt.Format("2006-01-02T15:04:05Z")),
				Expected: fmt.Sprintf("%s, %d bytes", o.Hash, o.Size), Found: fmt.Sprintf("%s, %d bytes", got, size)})
		}
		return nil
	})
}

func (v *verifier) documents() error {
	return v.st.ScanDocuments(v.ctx, func(d store.Document) error {
		v.rep.Documents++
		v.row(store.DocumentRec(d), d.LogIndex)
		if got := store.HashBytes([]byte(d.Text)); got != d.TextHash {
			v.problem(&Mismatch{Index: d.LogIndex, Kind: store.RecordDocument, Subject: d.ID, What: "document text", Expected: d.TextHash, Found: got})
		}
		links, err := v.st.Links(v.ctx, d.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			if l.DocID == d.ID {
				v.rep.Links++
				v.row(store.LinkRec(l), l.LogIndex)
			}
		}
		return nil
	})
}

// loadEdits checks the edits and keeps them by event key: the events
// shown are recomputed with them.
func (v *verifier) loadEdits() error {
	eds, err := v.st.Edits(v.ctx, store.EditFilter{})
	if err != nil {
		return err
	}
	for _, e := range eds {
		v.rep.Edits++
		v.row(store.EditRec(e), e.LogIndex)
		v.edits[e.EventKey] = append(v.edits[e.EventKey], e)
	}
	return nil
}

func (v *verifier) decisions() error {
	ds, err := v.st.Decisions(v.ctx)
	if err != nil {
		return err
	}
	for _, d := range ds {
		v.rep.Decisions++
		v.row(store.DecisionRec(d), d.LogIndex)
	}
	return nil
}

// resultHash checks that a stored result is the one its hash names.
func (v *verifier) resultHash(d store.Derived) error {
	canon, err := store.CanonicalResult(d.Result)
	if err != nil {
		return err
	}
	if got := store.HashBytes(canon); got != d.ResultHash {
		v.problem(&Mismatch{Index: d.LogIndex, Kind: store.RecordDerived, Subject: d.DocID, What: "extraction result", Expected: d.ResultHash, Found: got})
	}
	return nil
}

// superseded reads, for every extraction record a later one replaced,
// the result it named from a store that keeps them (store.ResultStore),
// checks it hashes as recorded, and keeps its actor references for the
// actor tally.
func (v *verifier) superseded() error {
	rs, keeps := v.st.(store.ResultStore)
	since := int64(0)
	if k, ok := v.st.(historySince); ok {
		var err error
		if since, err = k.HistorySince(v.ctx); err != nil {
			return err
		}
	}
	idx := make([]int64, 0, len(v.replaced))
	for i := range v.replaced {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	lost := 0
	for _, i := range idx {
		rp := v.replaced[i]
		if !keeps {
			lost++
			continue
		}
		r, err := rs.Result(v.ctx, rp.doc, rp.hash)
		if errors.Is(err, store.ErrNotFound) {
			if rp.by >= since {
				v.problem(&Mismatch{Index: i, Kind: store.RecordDerived, Subject: rp.doc,
					What: fmt.Sprintf("the result record %d replaced is not kept", rp.by), Expected: rp.hash, Found: "missing"})
			} else {
				lost++
			}
			continue
		}
		if err != nil {
			return err
		}
		canon, err := store.CanonicalResult(r)
		if err != nil {
			return err
		}
		if got := store.HashBytes(canon); got != rp.hash {
			v.problem(&Mismatch{Index: i, Kind: store.RecordDerived, Subject: rp.doc, What: "replaced extraction result", Expected: rp.hash, Found: got})
		}
		v.rep.Superseded++
		v.described = append(v.described, describedResult{i, store.ActorRefs(r)})
	}
	if lost > 0 {
		v.weak = true
		v.note("%d extraction results replaced before this store kept replaced results are gone: actors' names, types and countries are checked only against the results kept", lost)
	}
	return nil
}

// historySince is implemented by stores that began keeping replaced
// results after their log began: replacements from that log index on
// keep them, earlier ones could not.
type historySince interface {
	HistorySince(ctx context.Context) (int64, error)
}

// describeUpTo describes, in log order, the replaced results stored
// before log index i.
func (v *verifier) describeUpTo(i int64) {
	for len(v.described) > 0 && v.described[0].index < i {
		v.tally.Describe(v.described[0].r)
		v.described = v.described[1:]
	}
}

// derived checks each current extraction result against its record, then
// recomputes from it, its document and its edits the events and claims
// the store must show, and compares them with what it shows.
func (v *verifier) derived() error {
	err := v.st.ScanDerived(v.ctx, func(d store.Derived) error {
		v.rep.Derived++
		if err := v.resultHash(d); err != nil {
			return err
		}
		v.row(store.DerivedRec(d), d.LogIndex)
		v.describeUpTo(d.LogIndex)
		v.tally.Describe(d.Result)
		doc, err := v.st.Document(v.ctx, d.DocID)
		if err != nil {
			return nil // the document's own check reports it missing
		}
		doc.Text = ""
		v.tally.Count(d.Result, doc.Published)
		return v.shown(d, doc)
	})
	v.describeUpTo(1<<63 - 1)
	return err
}

func (v *verifier) actors() error {
	weak := v.weak
	err := v.tally.Each(func(want store.Actor) error {
		v.rep.Actors++
		got, err := v.st.Actors(v.ctx, store.ActorFilter{ID: want.ID, Limit: 1})
		if err != nil {
			return err
		}
		if len(got) == 0 {
			v.problem(&Mismatch{Index: -1, Table: "actors", Subject: want.ID, What: "actor missing", Expected: want.Name, Found: "no row"})
			return nil
		}
		if weak {
			v.compareActorWeakly(want, got[0])
			return nil
		}
		if path, exp, found, differ := diffJSON(want, got[0]); differ {
			v.problem(&Mismatch{Index: -1, Table: "actors", Subject: want.ID, What: path, Expected: exp, Found: found})
		}
		return nil
	})
	if err != nil {
		return err
	}
	st, err := v.st.Stats(v.ctx)
	if err != nil {
		return err
	}
	for _, c := range []struct {
		table     string
		want, got int64
	}{{"events", v.rep.Events, st.Events}, {"claims", v.rep.Claims, st.Claims}, {"actors", v.rep.Actors, st.Actors}} {
		if c.got != c.want && !(weak && c.table == "actors" && c.got > c.want) {
			v.problem(&Mismatch{Index: -1, Table: c.table, Subject: "(all)", What: "number of rows", Expected: fmt.Sprint(c.want), Found: fmt.Sprint(c.got)})
		}
	}
	return nil
}

// compareActorWeakly checks an actor when results that named it are
// lost: its counts exactly, and that it still has every name the kept
// results give it.
func (v *verifier) compareActorWeakly(want, got store.Actor) {
	if want.Mentions != got.Mentions || want.Documents != got.Documents || want.Events != got.Events {
		v.problem(&Mismatch{Index: -1, Table: "actors", Subject: want.ID, What: "mentions, documents, events",
			Expected: fmt.Sprintf("%d, %d, %d", want.Mentions, want.Documents, want.Events), Found: fmt.Sprintf("%d, %d, %d", got.Mentions, got.Documents, got.Events)})
	}
	have := map[string]bool{got.Name: true}
	for _, a := range got.Aliases {
		have[a] = true
	}
	for _, n := range append([]string{want.Name}, want.Aliases...) {
		if !have[n] {
			v.problem(&Mismatch{Index: -1, Table: "actors", Subject: want.ID, What: "a name the results use", Expected: n, Found: "missing"})
		}
	}
}

// indexes lets the backend check what it derives from the rows checked
// above: filter columns, full-text indexes, join tables.
func (v *verifier) indexes() error {
	iv, ok := v.st.(store.IndexVerifier)
	if !ok {
		return nil
	}
	v.rep.Indexes = true
	return iv.VerifyIndexes(v.ctx, func(p store.IndexProblem) {
		v.problem(&Mismatch{Index: -1, Table: p.Table, Subject: p.Row, What: p.What, Expected: p.Expected, Found: p.Found})
	})
}

// views compares the stored views (incidents, their reports, redirects,
// framing counts) with those recomputed from the log (package views).
// Their rows have no record of their own: a problem names the table and
// the row.
func (v *verifier) views() error {
	vs, ok := v.st.(store.ViewStore)
	if !ok {
		return nil // a store that keeps no views
	}
	rep, err := views.Verify(v.ctx, vs, maxProblems)
	if err != nil {
		return err
	}
	v.rep.Incidents, v.rep.Redirects, v.rep.Framing, v.rep.Edges = int64(rep.Incidents), int64(rep.Redirects), int64(rep.Framing), int64(rep.Edges)
	v.rep.Figures, v.rep.Violence = int64(rep.Actors), int64(rep.Violence)
	for _, p := range rep.Problems {
		v.problem(&Mismatch{Index: -1, Table: p.Table, Kind: "view", Subject: p.Key, What: p.What, Expected: p.Expected, Found: p.Found})
	}
	return nil
}

// missing reports objects the log records but the store no longer has.
func (v *verifier) missing() error {
	for _, i := range v.latest {
		if i < 0 {
			continue
		}
		data := v.recordText(i)
		r, err := store.DecodeRecord([]byte(data))
		if err != nil {
			continue // reported by records()
		}
		v.problem(&Mismatch{Index: i, Kind: r.Kind, Subject: r.Subject(), What: "recorded object is missing from the store", Expected: "present", Found: "missing"})
	}
	return nil
}
