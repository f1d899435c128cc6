-- Replaced extraction results are kept in derived_history (migration 7);
-- those replaced before it are gone. verify recomputes from them what
-- accumulates over every result ever stored (the names an actor was
-- given), and needs to know from which log index on they are all kept.
INSERT OR IGNORE INTO meta (key, value) SELECT 'history_since', COALESCE(MAX(idx) + 1, 0) FROM custody_log;
