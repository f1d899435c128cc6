-- How rare each word is, for consolidation (consolidate.WordSource): the
-- documents whose words were counted, and for each word how many of them
-- use it. meta 'word_docs' holds how many documents were counted. The
-- views' rebuild clears and recounts them.
CREATE TABLE IF NOT EXISTS view_word_docs (
	doc_id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS view_words (
	word TEXT PRIMARY KEY,
	docs INTEGER NOT NULL
) WITHOUT ROWID;
