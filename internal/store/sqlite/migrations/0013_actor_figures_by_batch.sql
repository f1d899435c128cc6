-- actor_figures is kept by each write transaction with one statement per
-- batch of claim or incident actor rows (figureDeltas, actorfigures.go)
-- rather than by triggers firing per row: an ingest inserts eight claims
-- and a dozen incident actor rows per report. A claim deleted when a
-- report is extracted again still takes itself off by trigger.
DROP TRIGGER IF EXISTS actor_figures_claim_in;
DROP TRIGGER IF EXISTS actor_figures_incident_in;
DROP TRIGGER IF EXISTS actor_figures_incident_out;
