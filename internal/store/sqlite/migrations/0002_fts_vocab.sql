-- Term statistics of the events' full-text index: how many events contain
-- a word. query.go reads them to answer a query with a word no event
-- contains without touching the index, and they are there for choosing
-- query plans by selectivity.
CREATE VIRTUAL TABLE events_fts_vocab USING fts5vocab(events_fts, 'row');
