-- How rare each word is, for consolidation (consolidate.WordSource): the
-- documents whose words were counted, and for each word how many of them
-- use it. meta 'word_docs' holds how many documents were counted. The
-- views' rebuild clears and recounts them.
CREATE TABLE view_word_docs (
	doc_id text COLLATE "C" PRIMARY KEY
);

CREATE TABLE view_words (
	word text COLLATE "C" PRIMARY KEY,
	docs integer NOT NULL
);
