-- The actor page's counts (store.ActorFigures), kept per actor by the
-- triggers below in the transactions that write the rows they count, so
-- that the page costs a row, not the actor's history: incidents naming
-- the actor in each role (incident_actors.roles, bits of
-- store.IncidentPerpetrator, IncidentTarget, IncidentClaimant), keyed by
-- actor id as incident_actors is; claims it made and claims naming it as
-- subject or object, keyed by actor row as claims are (the rows of new
-- actors may come after their claims in one transaction).
ALTER TABLE incident_actors ADD COLUMN roles smallint NOT NULL DEFAULT 0;

CREATE TABLE actor_incident_figures (
	actor       text COLLATE "C" PRIMARY KEY,
	perpetrator integer NOT NULL DEFAULT 0,
	target      integer NOT NULL DEFAULT 0,
	claimant    integer NOT NULL DEFAULT 0
);
CREATE TABLE actor_claim_figures (
	actor_rowid bigint PRIMARY KEY,
	made        integer NOT NULL DEFAULT 0,
	about       integer NOT NULL DEFAULT 0
);

CREATE FUNCTION actor_incident_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO actor_incident_figures AS f (actor, perpetrator, target, claimant)
			VALUES (NEW.actor, NEW.roles & 1, (NEW.roles >> 1) & 1, (NEW.roles >> 2) & 1)
			ON CONFLICT (actor) DO UPDATE SET perpetrator = f.perpetrator + excluded.perpetrator,
				target = f.target + excluded.target, claimant = f.claimant + excluded.claimant;
	ELSE
		UPDATE actor_incident_figures SET perpetrator = perpetrator - (OLD.roles & 1),
			target = target - ((OLD.roles >> 1) & 1), claimant = claimant - ((OLD.roles >> 2) & 1) WHERE actor = OLD.actor;
		DELETE FROM actor_incident_figures WHERE actor = OLD.actor AND perpetrator = 0 AND target = 0 AND claimant = 0;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER actor_incident_figures AFTER INSERT OR DELETE ON incident_actors
	FOR EACH ROW EXECUTE FUNCTION actor_incident_figures();

-- A claim is made by its speaker and names its subject and its object
-- (once when they are one actor).
CREATE FUNCTION actor_claim_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		IF NEW.speaker_rowid IS NOT NULL THEN
			INSERT INTO actor_claim_figures AS f (actor_rowid, made) VALUES (NEW.speaker_rowid, 1)
				ON CONFLICT (actor_rowid) DO UPDATE SET made = f.made + 1;
		END IF;
		IF NEW.subject_rowid IS NOT NULL THEN
			INSERT INTO actor_claim_figures AS f (actor_rowid, about) VALUES (NEW.subject_rowid, 1)
				ON CONFLICT (actor_rowid) DO UPDATE SET about = f.about + 1;
		END IF;
		IF NEW.object_rowid IS NOT NULL AND NEW.object_rowid IS DISTINCT FROM NEW.subject_rowid THEN
			INSERT INTO actor_claim_figures AS f (actor_rowid, about) VALUES (NEW.object_rowid, 1)
				ON CONFLICT (actor_rowid) DO UPDATE SET about = f.about + 1;
		END IF;
	ELSE
		UPDATE actor_claim_figures SET made = made - 1 WHERE actor_rowid = OLD.speaker_rowid;
		UPDATE actor_claim_figures SET about = about - 1 WHERE actor_rowid = OLD.subject_rowid
			OR (actor_rowid = OLD.object_rowid AND OLD.object_rowid IS DISTINCT FROM OLD.subject_rowid);
		DELETE FROM actor_claim_figures WHERE actor_rowid IN (OLD.speaker_rowid, OLD.subject_rowid, OLD.object_rowid)
			AND made = 0 AND about = 0;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER actor_claim_figures AFTER INSERT OR DELETE ON claims
	FOR EACH ROW EXECUTE FUNCTION actor_claim_figures();

-- An actor's claims newest first, a page at a time (ActorClaims).
CREATE INDEX claims_speaker_published ON claims (speaker_rowid, published DESC, rowid DESC);
CREATE INDEX claims_subject_published ON claims (subject_rowid, published DESC, rowid DESC);
CREATE INDEX claims_object_published ON claims (object_rowid, published DESC, rowid DESC);

-- Existing stores: the roles from the incidents' actor lists (an actor
-- without id is keyed by its name, as store.ActorKey keys it), then the
-- counts.
UPDATE incident_actors ia SET roles = r.roles FROM (
	SELECT i.id AS incident, x.actor, bit_or(x.bit)::smallint AS roles
	FROM incidents i, LATERAL (
		SELECT CASE WHEN COALESCE(t.v->>'id', '') <> '' THEN t.v->>'id' ELSE 'name:' || lower(btrim(t.v->>'name')) END AS actor, t.bit
		FROM (SELECT v, 1 AS bit FROM jsonb_array_elements(COALESCE(convert_from(i.state, 'UTF8')::jsonb->'incident'->'perpetrators', '[]')) v
			UNION ALL SELECT v, 2 FROM jsonb_array_elements(COALESCE(convert_from(i.state, 'UTF8')::jsonb->'incident'->'targets', '[]')) v
			UNION ALL SELECT v, 4 FROM jsonb_array_elements(COALESCE(convert_from(i.state, 'UTF8')::jsonb->'incident'->'claimed_by', '[]')) v) t) x
	GROUP BY i.id, x.actor) r
WHERE ia.incident = r.incident AND ia.actor = r.actor;
INSERT INTO actor_incident_figures (actor, perpetrator, target, claimant)
	SELECT actor, SUM(roles & 1), SUM((roles >> 1) & 1), SUM((roles >> 2) & 1) FROM incident_actors
	GROUP BY actor HAVING SUM(roles & 7) > 0;
INSERT INTO actor_claim_figures (actor_rowid, made, about)
	SELECT a, SUM(m), SUM(ab) FROM (
		SELECT speaker_rowid AS a, 1 AS m, 0 AS ab FROM claims WHERE speaker_rowid IS NOT NULL
		UNION ALL SELECT subject_rowid, 0, 1 FROM claims WHERE subject_rowid IS NOT NULL
		UNION ALL SELECT object_rowid, 0, 1 FROM claims WHERE object_rowid IS NOT NULL AND object_rowid IS DISTINCT FROM subject_rowid) c
	GROUP BY a;
