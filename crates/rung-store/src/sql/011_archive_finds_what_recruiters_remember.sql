-- The archive finds a report by what a recruiter remembers of it: the level hired at
-- (not the role applied for), the report id printed on it, and a name however its
-- punctuation was typed (O'Neil, O’Neil, ONeil, oneil).

-- "L2 Senior Application Support Engineer, Exceeding" for a hire; empty otherwise, and
-- for reports issued before this column (their decision's role is kept only by key).
ALTER TABLE reports ADD COLUMN hired_level TEXT NOT NULL DEFAULT '';

-- The name with apostrophes, hyphens and full stops taken out, so "oneil" is one word,
-- as "O'Neil" is to a person. Computed, never stored: it goes with the row.
ALTER TABLE reports ADD COLUMN candidate_name_folded TEXT GENERATED ALWAYS AS (
    replace(replace(replace(replace(replace(replace(candidate_name,
        '''', ''), '’', ''), '‘', ''), '`', ''), '-', ''), '.', '')
) VIRTUAL;

DROP TRIGGER reports_search_insert;
DROP TRIGGER reports_search_delete;
DROP TABLE reports_search;

CREATE VIRTUAL TABLE reports_search USING fts5(
    candidate_name, candidate_name_folded, role_title, hired_level, decided_by, report_id,
    content = 'reports', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER reports_search_insert AFTER INSERT ON reports
BEGIN
    INSERT INTO reports_search (rowid, candidate_name, candidate_name_folded, role_title, hired_level, decided_by, report_id)
    VALUES (NEW.id, NEW.candidate_name, NEW.candidate_name_folded, NEW.role_title, NEW.hired_level, NEW.decided_by, NEW.report_id);
END;

CREATE TRIGGER reports_search_delete AFTER DELETE ON reports
BEGIN
    INSERT INTO reports_search (reports_search, rowid, candidate_name, candidate_name_folded, role_title, hired_level, decided_by, report_id)
    VALUES ('delete', OLD.id, OLD.candidate_name, OLD.candidate_name_folded, OLD.role_title, OLD.hired_level, OLD.decided_by, OLD.report_id);
END;

INSERT INTO reports_search (reports_search) VALUES ('rebuild');
