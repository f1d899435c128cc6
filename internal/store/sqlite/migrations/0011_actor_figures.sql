-- The actor page's counts (store.ActorFigures), kept per actor by
-- triggers (actorfigures.go) in the transactions that write the rows they count, so
-- that the page costs a row, not the actor's history: incidents naming
-- the actor in each role (incident_actors.roles, bits of
-- store.IncidentPerpetrator, IncidentTarget, IncidentClaimant), claims it
-- made and claims naming it as subject or object. fillActorFigures
-- (actorfigures.go) adds roles and the triggers, and fills both for
-- existing stores.
CREATE TABLE IF NOT EXISTS actor_figures (
	actor_rowid INTEGER PRIMARY KEY,
	perpetrator INTEGER NOT NULL DEFAULT 0,
	target      INTEGER NOT NULL DEFAULT 0,
	claimant    INTEGER NOT NULL DEFAULT 0,
	made        INTEGER NOT NULL DEFAULT 0,
	about       INTEGER NOT NULL DEFAULT 0
);

-- An actor's claims newest first, a page at a time (ActorClaims).
CREATE INDEX IF NOT EXISTS claims_speaker_published ON claims(speaker_rowid, published, rowid);
CREATE INDEX IF NOT EXISTS claims_subject_published ON claims(subject_rowid, published, rowid);
CREATE INDEX IF NOT EXISTS claims_object_published ON claims(object_rowid, published, rowid);
DROP INDEX IF EXISTS claims_speaker;
DROP INDEX IF EXISTS claims_subject;
DROP INDEX IF EXISTS claims_object;
