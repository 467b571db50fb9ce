-- Team mode: what this laptop shares through a PostgreSQL server (see ARCHITECTURE.md).

-- A candidate's identity on every laptop (local ids differ from laptop to laptop).
CREATE TABLE team_candidates (
    candidate_id    INTEGER PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    global_id       TEXT NOT NULL UNIQUE
) STRICT;

INSERT INTO team_candidates (candidate_id, global_id) SELECT id, lower(hex(randomblob(16))) FROM candidates;

CREATE TRIGGER team_candidate_identity AFTER INSERT ON candidates
BEGIN
    INSERT OR IGNORE INTO team_candidates (candidate_id, global_id) VALUES (NEW.id, lower(hex(randomblob(16))));
END;

-- An interviewer's identity on the server: the PostgreSQL login they connect as.
CREATE TABLE team_members (
    interviewer_id  INTEGER PRIMARY KEY REFERENCES interviewers(id),
    login           TEXT NOT NULL UNIQUE
) STRICT;

-- Decisions that came from the server, by the seal they were recorded with there.
CREATE TABLE imported_decisions (
    source_seal_sha256  TEXT PRIMARY KEY,
    decision_id         INTEGER NOT NULL UNIQUE REFERENCES decisions(id) ON DELETE CASCADE
) STRICT;

-- Reports that came from the server (they are not pushed back).
CREATE TABLE imported_reports (
    report_id   INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE
) STRICT;

-- What waits to be pushed, written by these triggers in the transaction of the change
-- itself, and only while the folder is connected to a server. The row names what changed;
-- the pusher reads it as it is then (sealed things never change; for the rest, the
-- latest edit is what should win). `version` grows with each change, so a change made
-- while a push is under way is not settled by that push.
CREATE TABLE sync_outbox (
    kind            TEXT NOT NULL CHECK (kind IN ('candidate', 'panel', 'scorecard', 'decision', 'report', 'erasure')),
    local_id        INTEGER NOT NULL,
    candidate_id    INTEGER NOT NULL,
    -- The candidate's global id, kept for an erasure (the candidate is gone by then).
    global_id       TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    queued_at       TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    -- Set when the server refused it for good (no right to share it).
    refused         TEXT,
    PRIMARY KEY (kind, local_id)
) STRICT;

CREATE TRIGGER team_queue_candidate_insert AFTER INSERT ON candidates
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    VALUES ('candidate', NEW.id, NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ'))
    ON CONFLICT (kind, local_id) DO UPDATE SET version = version + 1, queued_at = excluded.queued_at, refused = NULL;
END;

CREATE TRIGGER team_queue_candidate_update AFTER UPDATE ON candidates
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    VALUES ('candidate', NEW.id, NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ'))
    ON CONFLICT (kind, local_id) DO UPDATE SET version = version + 1, queued_at = excluded.queued_at, refused = NULL;
END;

CREATE TRIGGER team_queue_interview_insert AFTER INSERT ON interviews
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    SELECT 'panel', p.candidate_id, p.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ') FROM panel_plans p WHERE p.id = NEW.plan_id
    ON CONFLICT (kind, local_id) DO UPDATE SET version = version + 1, queued_at = excluded.queued_at, refused = NULL;
END;

CREATE TRIGGER team_queue_interview_update AFTER UPDATE ON interviews
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    SELECT 'panel', p.candidate_id, p.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ') FROM panel_plans p WHERE p.id = NEW.plan_id
    ON CONFLICT (kind, local_id) DO UPDATE SET version = version + 1, queued_at = excluded.queued_at, refused = NULL;
END;

CREATE TRIGGER team_queue_interview_delete AFTER DELETE ON interviews
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    SELECT 'panel', p.candidate_id, p.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ') FROM panel_plans p WHERE p.id = OLD.plan_id
    ON CONFLICT (kind, local_id) DO UPDATE SET version = version + 1, queued_at = excluded.queued_at, refused = NULL;
END;

CREATE TRIGGER team_queue_focus_insert AFTER INSERT ON interview_focus
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    SELECT 'panel', p.candidate_id, p.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ')
    FROM interviews i JOIN panel_plans p ON p.id = i.plan_id WHERE i.id = NEW.interview_id
    ON CONFLICT (kind, local_id) DO UPDATE SET version = version + 1, queued_at = excluded.queued_at, refused = NULL;
END;

CREATE TRIGGER team_queue_scorecard AFTER UPDATE OF status ON scorecards
WHEN NEW.status = 'submitted' AND EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    VALUES ('scorecard', NEW.id, NEW.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

CREATE TRIGGER team_queue_decision AFTER INSERT ON decisions
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    VALUES ('decision', NEW.id, NEW.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

CREATE TRIGGER team_queue_report AFTER INSERT ON reports
WHEN NEW.candidate_id IS NOT NULL AND EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    INSERT OR IGNORE INTO sync_outbox (kind, local_id, candidate_id, queued_at)
    VALUES ('report', NEW.id, NEW.candidate_id, strftime('%Y-%m-%dT%H:%M:%fZ'));
END;

-- An erasure replaces everything still waiting about the candidate with its tombstone.
CREATE TRIGGER team_queue_erasure AFTER INSERT ON erasures
WHEN EXISTS (SELECT 1 FROM settings WHERE key = 'team.server')
BEGIN
    DELETE FROM sync_outbox WHERE candidate_id = NEW.candidate_id;
    INSERT INTO sync_outbox (kind, local_id, candidate_id, global_id, queued_at)
    SELECT 'erasure', NEW.candidate_id, NEW.candidate_id, t.global_id, strftime('%Y-%m-%dT%H:%M:%fZ')
    FROM team_candidates t WHERE t.candidate_id = NEW.candidate_id;
END;
