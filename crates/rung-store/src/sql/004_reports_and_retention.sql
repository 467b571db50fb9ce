-- The archive of issued reports. The 001 table was never written to; this one keeps
-- what a recruiter searches by (kept apart from the PDF itself, so a search never reads
-- the files) and the hashes `rung verify` checks.
DROP TABLE reports;

CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    report_id       TEXT NOT NULL UNIQUE,
    data_sha256     TEXT NOT NULL UNIQUE,
    file_sha256     TEXT NOT NULL UNIQUE,
    -- The data without its issue time and audit head: equal when nothing the report
    -- says has changed, so exporting again gives the same file.
    evidence_sha256 TEXT NOT NULL,
    candidate_id    INTEGER REFERENCES candidates(id),
    decision_id     INTEGER REFERENCES decisions(id),
    issued_at       TEXT NOT NULL,
    paper           TEXT NOT NULL CHECK (paper IN ('a4', 'letter')),
    candidate_name  TEXT NOT NULL,
    role_title      TEXT NOT NULL,
    -- 'hire', 'no_hire', 'hold', or 'pending' before the panel's decision.
    outcome         TEXT NOT NULL CHECK (outcome IN ('hire', 'no_hire', 'hold', 'pending')),
    decided_by      TEXT NOT NULL DEFAULT '',
    pages           INTEGER NOT NULL,
    size_bytes      INTEGER NOT NULL
) STRICT;

CREATE INDEX reports_by_candidate ON reports(candidate_id);
CREATE INDEX reports_by_issue ON reports(issued_at);
CREATE INDEX reports_by_outcome ON reports(outcome, issued_at);
CREATE INDEX reports_by_decider ON reports(decided_by, issued_at);

-- The archived copy of each report, byte for byte.
CREATE TABLE report_files (
    report_id   INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    pdf         BLOB NOT NULL
) STRICT;

-- An issued report never changes; it goes only with its candidate's erasure.
CREATE TRIGGER reports_are_immutable BEFORE UPDATE ON reports
BEGIN
    SELECT RAISE(ABORT, 'an issued report never changes');
END;

CREATE TRIGGER report_files_are_immutable BEFORE UPDATE ON report_files
BEGIN
    SELECT RAISE(ABORT, 'an issued report never changes');
END;

CREATE TRIGGER reports_go_only_with_erasure BEFORE DELETE ON reports
WHEN NOT EXISTS (SELECT 1 FROM erasures WHERE candidate_id = OLD.candidate_id)
BEGIN
    SELECT RAISE(ABORT, 'an issued report is kept until its candidate is erased');
END;

-- Text search over the archive (names, roles, who decided).
CREATE VIRTUAL TABLE reports_search USING fts5(
    candidate_name, role_title, decided_by,
    content = 'reports', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER reports_search_insert AFTER INSERT ON reports
BEGIN
    INSERT INTO reports_search (rowid, candidate_name, role_title, decided_by)
    VALUES (NEW.id, NEW.candidate_name, NEW.role_title, NEW.decided_by);
END;

CREATE TRIGGER reports_search_delete AFTER DELETE ON reports
BEGIN
    INSERT INTO reports_search (reports_search, rowid, candidate_name, role_title, decided_by)
    VALUES ('delete', OLD.id, OLD.candidate_name, OLD.role_title, OLD.decided_by);
END;

-- Retention: a legal hold keeps a candidate past the retention period.
ALTER TABLE candidates ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1));

-- What an erasure kept, by the user's choice, with no personal data: the outcome, the
-- level and the scores without notes, for calibration and hiring statistics.
CREATE TABLE anonymous_outcomes (
    id                      INTEGER PRIMARY KEY,
    erased_at               TEXT NOT NULL,
    ladder_snapshot_sha256  TEXT NOT NULL,
    target_role_key         TEXT NOT NULL,
    outcome                 TEXT,
    role_key                TEXT,
    band                    TEXT,
    -- [{"role_key", "characteristic_key", "score"}] per scorecard that counted.
    scores_json             TEXT NOT NULL
) STRICT;

-- Scorecards imported from another machine's bundle, by the seal they were submitted
-- with there: importing the same bundle twice adds nothing.
CREATE TABLE imported_scorecards (
    source_seal_sha256  TEXT PRIMARY KEY,
    scorecard_id        INTEGER NOT NULL UNIQUE REFERENCES scorecards(id)
) STRICT;

-- A bundle brought back to the database it came from finds its scorecards by seal.
CREATE INDEX scorecards_by_seal ON scorecards(seal_sha256);
