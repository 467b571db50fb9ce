-- The coordinator is a role a person holds on this laptop, as on the team server: only a
-- coordinator adds candidates, plans panels, decides, issues reports and erases.
ALTER TABLE interviewers ADD COLUMN coordinator INTEGER NOT NULL DEFAULT 0 CHECK (coordinator IN (0, 1));
