-- Who sealed it (docs/signing.md): each member registers the public keys their laptops
-- sign with (one per laptop and person, and each laptop's key for decisions). A key is
-- inserted only as oneself (`login` is not even insertable: it defaults to
-- current_user), never changed or removed, so a laptop that pulls a scorecard checks it
-- was signed by a key its own submitter registered.
CREATE TABLE rung.member_keys (
    public_key  text PRIMARY KEY CHECK (public_key ~ '^[0-9a-f]{64}$'),
    login       name NOT NULL DEFAULT current_user REFERENCES rung.members ON DELETE CASCADE,
    added_at    timestamptz NOT NULL DEFAULT now(),
    tx          xid8 NOT NULL DEFAULT pg_current_xact_id()
);

CREATE INDEX member_keys_by_login ON rung.member_keys (login);

REVOKE ALL ON rung.member_keys FROM PUBLIC;
GRANT SELECT, INSERT (public_key) ON rung.member_keys TO rung_interviewer;

ALTER TABLE rung.member_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_keys_read ON rung.member_keys FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY member_keys_add ON rung.member_keys FOR INSERT TO rung_interviewer WITH CHECK (login = current_user);
