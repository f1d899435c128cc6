-- The full-text indexes read texts without soft hyphens (store.SearchText):
-- an outlet's "Myan<U+00AD>mar" is found by a search for Myanmar. The
-- documents' index reads its external content through a view that drops
-- them, so that snippets and FTS5's own checks see what was indexed; the
-- index is built again from it. The events' and claims' indexes, which
-- keep no content, are mended row by row (searchtext.go).
DROP TABLE documents_fts;
DROP VIEW IF EXISTS documents_search;
CREATE VIEW documents_search AS
	SELECT rowid, replace(title, char(173), '') AS title, replace(text, char(173), '') AS text FROM documents;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents_search', content_rowid='rowid');
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 16777216);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
