-- Rung's team server, schema `rung` (created before this runs). What a laptop shares:
-- ladder snapshots, candidates, panel plans, sealed scorecards, decisions, erasures.
-- Drafts, settings and passwords never come here. Every row records the transaction that
-- wrote it (`tx`), so a laptop pulls what changed since the last transaction horizon it saw.
-- Each person connects as their own login role; row-level security decides what they see.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rung_interviewer') THEN
        CREATE ROLE rung_interviewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rung_coordinator') THEN
        CREATE ROLE rung_coordinator NOLOGIN IN ROLE rung_interviewer;
    END IF;
END
$$;

CREATE TABLE rung.members (
    login           name PRIMARY KEY DEFAULT current_user,
    display_name    text NOT NULL CHECK (length(trim(display_name)) > 0),
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE rung.ladders (
    snapshot_sha256 text PRIMARY KEY,
    name            text NOT NULL,
    snapshot_json   text NOT NULL,
    pushed_by       name NOT NULL DEFAULT current_user,
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE rung.erasures (
    candidate_id    text PRIMARY KEY,
    erased_at       timestamptz NOT NULL DEFAULT now(),
    erased_by       name NOT NULL DEFAULT current_user,
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);

-- Mutable: the latest edit wins (edited_at, then laptop), decided by the upsert itself.
CREATE TABLE rung.candidates (
    id              text PRIMARY KEY,
    ladder_sha256   text NOT NULL REFERENCES rung.ladders,
    body            jsonb NOT NULL,
    edited_at       text NOT NULL,
    laptop          text NOT NULL,
    edited_by       name NOT NULL DEFAULT current_user,
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE TABLE rung.panels (
    candidate_id    text PRIMARY KEY REFERENCES rung.candidates ON DELETE CASCADE,
    interviews      jsonb NOT NULL CHECK (jsonb_typeof(interviews) = 'array'),
    edited_at       text NOT NULL,
    laptop          text NOT NULL,
    edited_by       name NOT NULL DEFAULT current_user,
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);

-- Sealed: filed under their seal, inserted once, never updated.
CREATE TABLE rung.scorecards (
    seal                text PRIMARY KEY,
    candidate_id        text NOT NULL REFERENCES rung.candidates ON DELETE CASCADE,
    interviewer         name NOT NULL DEFAULT current_user,
    interview_position  integer,
    amends_seal         text REFERENCES rung.scorecards ON DELETE CASCADE,
    body                jsonb NOT NULL,
    tx                  xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX scorecards_by_candidate ON rung.scorecards (candidate_id, interviewer);
CREATE INDEX scorecards_by_interviewer ON rung.scorecards (interviewer);

CREATE TABLE rung.decisions (
    seal            text PRIMARY KEY,
    candidate_id    text NOT NULL REFERENCES rung.candidates ON DELETE CASCADE,
    body            jsonb NOT NULL,
    recorded_by     name NOT NULL DEFAULT current_user,
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX decisions_by_candidate ON rung.decisions (candidate_id);

-- Issued reports: the archive record and the PDF, byte for byte; never changed.
CREATE TABLE rung.reports (
    data_sha256     text PRIMARY KEY,
    candidate_id    text NOT NULL REFERENCES rung.candidates ON DELETE CASCADE,
    body            jsonb NOT NULL,
    pdf             bytea NOT NULL,
    issued_by       name NOT NULL DEFAULT current_user,
    tx              xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX reports_by_candidate ON rung.reports (candidate_id);

-- Each laptop's audit log as it is (ids, seals and counts; no names): coordinators' laptops
-- check every chain link by link.
CREATE TABLE rung.audit_entries (
    laptop      text NOT NULL,
    id          bigint NOT NULL,
    at          text NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    entity      text NOT NULL,
    entity_id   bigint NOT NULL,
    payload     text NOT NULL,
    prev_hash   text NOT NULL,
    hash        text NOT NULL,
    pushed_by   name NOT NULL DEFAULT current_user,
    PRIMARY KEY (laptop, id)
);

CREATE INDEX members_by_tx ON rung.members (tx);
CREATE INDEX reports_by_tx ON rung.reports (tx);
CREATE INDEX ladders_by_tx ON rung.ladders (tx);
CREATE INDEX erasures_by_tx ON rung.erasures (tx);
CREATE INDEX candidates_by_tx ON rung.candidates (tx);
CREATE INDEX panels_by_tx ON rung.panels (tx);
CREATE INDEX scorecards_by_tx ON rung.scorecards (tx);
CREATE INDEX decisions_by_tx ON rung.decisions (tx);

-- A mutable row's tx moves with each accepted edit, so laptops pull the new version.
CREATE FUNCTION rung.stamp_tx() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tx := pg_current_xact_id();
    RETURN NEW;
END
$$;
CREATE TRIGGER candidates_stamp BEFORE UPDATE ON rung.candidates FOR EACH ROW EXECUTE FUNCTION rung.stamp_tx();
CREATE TRIGGER panels_stamp BEFORE UPDATE ON rung.panels FOR EACH ROW EXECUTE FUNCTION rung.stamp_tx();
CREATE TRIGGER members_stamp BEFORE UPDATE ON rung.members FOR EACH ROW EXECUTE FUNCTION rung.stamp_tx();

-- The rules the policies ask. SECURITY DEFINER so a policy on scorecards can look at
-- scorecards without recursing; they take the person asking explicitly, and answer only
-- about the person logged in (nobody can ask them about someone else).
CREATE FUNCTION rung.has_submitted(candidate text, person name) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rung, pg_temp AS $$
    SELECT person = session_user
       AND EXISTS (SELECT 1 FROM rung.scorecards s WHERE s.candidate_id = candidate AND s.interviewer = person)
$$;

-- Every planned interview has a submitted scorecard (the debrief gate, as on a laptop).
CREATE FUNCTION rung.all_interviews_in(candidate text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rung, pg_temp AS $$
    SELECT coalesce((
        SELECT jsonb_array_length(p.interviews) > 0 AND NOT EXISTS (
            SELECT 1 FROM jsonb_array_elements(p.interviews) planned
            WHERE NOT EXISTS (
                SELECT 1 FROM rung.scorecards s
                WHERE s.candidate_id = candidate AND s.interview_position = (planned ->> 'position')::integer
            )
        )
        FROM rung.panels p WHERE p.candidate_id = candidate
    ), false)
$$;

-- Every candidate whose scorecards `person` may read: those they submitted one for, and,
-- for a coordinator, those with every planned interview in.
CREATE FUNCTION rung.readable_candidates(person name) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = rung, pg_temp AS $$
    SELECT candidate_id FROM rung.scorecards WHERE interviewer = person AND person = session_user
    UNION
    SELECT p.candidate_id FROM rung.panels p
    WHERE person = session_user AND pg_has_role(person, 'rung_coordinator', 'MEMBER')
      AND rung.all_interviews_in(p.candidate_id)
$$;

CREATE FUNCTION rung.is_coordinator(person name) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(person, 'rung_coordinator', 'MEMBER')
$$;

-- Erasure: the only way anything is deleted here. The tombstone tells every laptop.
CREATE FUNCTION rung.erase_candidate(candidate text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rung, pg_temp AS $$
BEGIN
    DELETE FROM rung.scorecards WHERE candidate_id = candidate;
    DELETE FROM rung.candidates WHERE id = candidate;
    INSERT INTO rung.erasures (candidate_id, erased_by) VALUES (candidate, session_user)
    ON CONFLICT (candidate_id) DO NOTHING;
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA rung FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA rung FROM PUBLIC;
GRANT USAGE ON SCHEMA rung TO rung_interviewer;
GRANT EXECUTE ON FUNCTION rung.has_submitted(text, name), rung.all_interviews_in(text), rung.is_coordinator(name),
    rung.readable_candidates(name) TO rung_interviewer;
GRANT EXECUTE ON FUNCTION rung.erase_candidate(text) TO rung_coordinator;

GRANT SELECT, INSERT, UPDATE (display_name) ON rung.members TO rung_interviewer;
GRANT SELECT, INSERT ON rung.ladders, rung.erasures TO rung_interviewer;
GRANT SELECT ON rung.candidates, rung.panels, rung.scorecards, rung.decisions, rung.reports TO rung_interviewer;
GRANT INSERT (seal, candidate_id, interview_position, amends_seal, body) ON rung.scorecards TO rung_interviewer;
GRANT INSERT, UPDATE ON rung.candidates, rung.panels TO rung_coordinator;
GRANT INSERT ON rung.decisions, rung.reports TO rung_coordinator;
GRANT SELECT, INSERT (laptop, id, at, actor, action, entity, entity_id, payload, prev_hash, hash)
    ON rung.audit_entries TO rung_interviewer;
-- Nobody but the owner may write erasures directly: the function does.
REVOKE INSERT ON rung.erasures FROM rung_interviewer;

ALTER TABLE rung.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.ladders ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.erasures ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.candidates ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.panels ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.scorecards ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.decisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.audit_entries ENABLE ROW LEVEL SECURITY;

CREATE POLICY members_read ON rung.members FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY members_join ON rung.members FOR INSERT TO rung_interviewer WITH CHECK (login = current_user);
CREATE POLICY members_rename ON rung.members FOR UPDATE TO rung_interviewer
    USING (login = current_user) WITH CHECK (login = current_user);

CREATE POLICY ladders_read ON rung.ladders FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY ladders_share ON rung.ladders FOR INSERT TO rung_interviewer WITH CHECK (pushed_by = current_user);

CREATE POLICY erasures_read ON rung.erasures FOR SELECT TO rung_interviewer USING (true);

CREATE POLICY candidates_read ON rung.candidates FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY candidates_add ON rung.candidates FOR INSERT TO rung_coordinator
    WITH CHECK (edited_by = current_user AND NOT EXISTS (SELECT 1 FROM rung.erasures e WHERE e.candidate_id = id));
CREATE POLICY candidates_edit ON rung.candidates FOR UPDATE TO rung_coordinator
    USING (true) WITH CHECK (edited_by = current_user);

CREATE POLICY panels_read ON rung.panels FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY panels_add ON rung.panels FOR INSERT TO rung_coordinator WITH CHECK (edited_by = current_user);
CREATE POLICY panels_edit ON rung.panels FOR UPDATE TO rung_coordinator USING (true) WITH CHECK (edited_by = current_user);

-- Independence: your own scorecards; others' for a candidate once you have submitted one
-- for them; a coordinator sees them all once every planned interview is in. The candidates
-- a person may read are worked out once per query (a hashed subplan), not once per row.
CREATE POLICY scorecards_read ON rung.scorecards FOR SELECT TO rung_interviewer USING (
    interviewer = current_user OR candidate_id IN (SELECT rung.readable_candidates(current_user))
);
CREATE POLICY scorecards_submit ON rung.scorecards FOR INSERT TO rung_interviewer
    WITH CHECK (interviewer = current_user);

CREATE POLICY decisions_read ON rung.decisions FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY decisions_record ON rung.decisions FOR INSERT TO rung_coordinator WITH CHECK (recorded_by = current_user);

-- A report shows the whole panel's evidence: the coordinators', and the panel's once they
-- have submitted their own.
CREATE POLICY reports_read ON rung.reports FOR SELECT TO rung_interviewer
    USING (rung.is_coordinator(current_user) OR rung.has_submitted(candidate_id, current_user));
CREATE POLICY reports_issue ON rung.reports FOR INSERT TO rung_coordinator WITH CHECK (issued_by = current_user);

-- A laptop's log is written by the person whose laptop it is, and read by them and by
-- coordinators.
CREATE POLICY audit_share ON rung.audit_entries FOR INSERT TO rung_interviewer
    WITH CHECK (pushed_by = current_user);
CREATE POLICY audit_read_own ON rung.audit_entries FOR SELECT TO rung_interviewer USING (pushed_by = current_user);
CREATE POLICY audit_read ON rung.audit_entries FOR SELECT TO rung_coordinator USING (true);
