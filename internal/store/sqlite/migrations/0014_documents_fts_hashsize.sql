-- FTS5 writes the rows it holds to its index as a new segment, merged
-- again later, whenever they pass its hash size (1 MiB by default): a
-- batch's texts (DefaultBatchSize reports) made half a dozen segments.
-- 16 MiB holds a batch's, whose rows then go out as one segment.
INSERT INTO documents_fts (documents_fts, rank) VALUES ('hashsize', 16777216);
