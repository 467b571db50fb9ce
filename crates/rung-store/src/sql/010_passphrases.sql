-- A person's passphrase on this laptop, as an Argon2id PHC string (never the passphrase).
-- Erasing a person's rows removes it with them.
CREATE TABLE passphrases (
    interviewer_id INTEGER PRIMARY KEY REFERENCES interviewers(id) ON DELETE CASCADE,
    phc            TEXT NOT NULL CHECK (phc LIKE '$argon2%'),
    set_at         TEXT NOT NULL
) STRICT;
