-- Ladder snapshots are identified by their content (snapshot_sha256), not by the hash
-- their source claims: an edited export of a ladder is a new snapshot, never silently
-- merged into the old one. SQLite cannot change a constraint in place, so the table is
-- rebuilt (foreign keys are off while migrations run, and checked before commit).
CREATE TABLE ladders_by_content (
    id              INTEGER PRIMARY KEY,
    source_sha256   TEXT NOT NULL,
    name            TEXT NOT NULL,
    source_name     TEXT NOT NULL,
    snapshot_json   TEXT NOT NULL,
    snapshot_sha256 TEXT NOT NULL UNIQUE,
    is_default      INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    imported_at     TEXT NOT NULL
) STRICT;

INSERT INTO ladders_by_content (id, source_sha256, name, source_name, snapshot_json, snapshot_sha256, is_default, imported_at)
SELECT id, source_sha256, name, source_name, snapshot_json, snapshot_sha256, is_default, imported_at FROM ladders;

DROP TABLE ladders;
ALTER TABLE ladders_by_content RENAME TO ladders;

CREATE INDEX ladders_by_source ON ladders(source_sha256);

CREATE TRIGGER ladders_are_immutable BEFORE UPDATE OF source_sha256, snapshot_json, snapshot_sha256 ON ladders
BEGIN
    SELECT RAISE(ABORT, 'ladder snapshots are immutable');
END;
