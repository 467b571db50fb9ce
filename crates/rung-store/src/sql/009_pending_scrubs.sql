-- Erasure as a journal (docs: ARCHITECTURE.md, "Erasure"): the transaction that removes a
-- candidate also records what is still to be done so no copy of their data outlives it
-- (the database file rewritten, the WAL emptied, report copies in opened/, the app's
-- backups). The row holds ids and a creation time, never a name; it is deleted when the
-- scrub is finished, and every open finishes a scrub still pending.
CREATE TABLE pending_scrubs (
    candidate_id          INTEGER PRIMARY KEY,
    -- How the app's backups know the candidate (an id is reused only after an erasure).
    candidate_created_at  TEXT NOT NULL,
    keep_anonymous        INTEGER NOT NULL CHECK (keep_anonymous IN (0, 1)),
    erased_at             TEXT NOT NULL
) STRICT;
