-- An edge's speakers of most claims (edgeCols) from an index, in order: a
-- busy edge has hundreds, which were read and sorted for each of the 200
-- edges of an actor's graph.
CREATE INDEX IF NOT EXISTS claim_edge_speakers_top ON claim_edge_speakers(edge_rowid, claims DESC, speaker, documents);
