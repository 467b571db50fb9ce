-- Each bundle of sealed scorecards written from this laptop: when, which scorecards, to
-- which file. An erasure says which exported files still hold the candidate (Rung cannot
-- reach them); the records go with the candidate, since a file name may carry their name.
CREATE TABLE bundle_exports (
    id              INTEGER PRIMARY KEY,
    candidate_id    INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    exported_at     TEXT NOT NULL,
    file_name       TEXT NOT NULL CHECK (length(file_name) > 0),
    -- JSON array of the scorecards' ids here.
    scorecard_ids   TEXT NOT NULL CHECK (json_valid(scorecard_ids) AND json_type(scorecard_ids) = 'array')
);
CREATE INDEX bundle_exports_by_candidate ON bundle_exports (candidate_id);
