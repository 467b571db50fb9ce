-- Erasures that reach the server's disk (issue 28). A DELETE leaves the row's bytes in the
-- table's files (as a dead tuple, and after a plain VACUUM still in the page's free space),
-- so the administrator's `rung team maintain` rewrites the tables erasures touched
-- (VACUUM FULL) and records it here. Laptops say which erasures they have received, so
-- everyone can see which copies remain. Nothing here holds a candidate's personal data:
-- erasures are keyed by the candidate's random global id.

-- When the maintenance that rewrote the tables after this erasure finished.
ALTER TABLE rung.erasures ADD COLUMN maintained_at timestamptz;

-- Each data folder that syncs with the server (its random laptop id) as each login. A
-- folder connected later as someone else is another row: nobody may speak for a laptop
-- row of another login (the old row stays until the administrator deletes it).
CREATE TABLE rung.laptops (
    laptop      text NOT NULL,
    login       name NOT NULL DEFAULT session_user,
    first_seen  timestamptz NOT NULL DEFAULT now(),
    -- NULL for laptops known only from the audit entries they shared before this version.
    last_seen   timestamptz DEFAULT now(),
    PRIMARY KEY (laptop, login)
);

-- A laptop holds no row of the erased candidate any more (it says so after applying the
-- tombstone, or at once when it never had them).
CREATE TABLE rung.erasure_receipts (
    candidate_id    text NOT NULL REFERENCES rung.erasures ON DELETE CASCADE,
    laptop          text NOT NULL,
    login           name NOT NULL DEFAULT session_user,
    received_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (candidate_id, laptop, login),
    FOREIGN KEY (laptop, login) REFERENCES rung.laptops ON DELETE CASCADE
);

-- Every maintenance that rewrote tables: when, what, and where the write-ahead log stood
-- after the rewrite (everything before `wal_lsn` may still hold erased rows).
CREATE TABLE rung.maintenance_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ran_at          timestamptz NOT NULL DEFAULT now(),
    ran_by          name NOT NULL DEFAULT session_user,
    erasures        integer NOT NULL,
    rewritten       text[] NOT NULL,
    wal_lsn         pg_lsn NOT NULL,
    -- The WAL position from which no segment in pg_wal holds anything written before
    -- `wal_lsn` (known when the maintenance could list pg_wal); NULL when not known.
    wal_clear_lsn   pg_lsn,
    wal_recycle     boolean NOT NULL
);

-- Laptops that shared audit entries before this version are known by their laptop id.
INSERT INTO rung.laptops (laptop, login, first_seen, last_seen)
SELECT DISTINCT laptop, pushed_by, now(), NULL::timestamptz FROM rung.audit_entries
ON CONFLICT DO NOTHING;

-- A laptop says it synced, as the person logged in. At most once a minute is written
-- (the app syncs every 15 s; "last synced" is told in minutes).
CREATE FUNCTION rung.laptop_synced(this_laptop text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = rung, pg_temp AS $$
    INSERT INTO rung.laptops (laptop, login) VALUES (this_laptop, session_user)
    ON CONFLICT (laptop, login) DO UPDATE SET last_seen = now()
    WHERE rung.laptops.last_seen IS NULL OR rung.laptops.last_seen < now() - interval '1 minute'
$$;

-- A laptop says it holds none of these erased candidates: only for the caller's own
-- laptop row, and only for erasures the server has.
CREATE FUNCTION rung.erasures_received(this_laptop text, candidates text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = rung, pg_temp AS $$
DECLARE
    added integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM rung.laptops WHERE laptop = this_laptop AND login = session_user) THEN
        RAISE EXCEPTION 'permission denied: laptop % has not synced as %', this_laptop, session_user
            USING ERRCODE = '42501';
    END IF;
    INSERT INTO rung.erasure_receipts (candidate_id, laptop, login)
    SELECT e.candidate_id, this_laptop, session_user FROM rung.erasures e WHERE e.candidate_id = ANY(candidates)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$$;

REVOKE ALL ON rung.laptops, rung.erasure_receipts, rung.maintenance_runs FROM PUBLIC;
REVOKE ALL ON FUNCTION rung.laptop_synced(text), rung.erasures_received(text, text[]) FROM PUBLIC;
GRANT SELECT ON rung.laptops, rung.erasure_receipts, rung.maintenance_runs TO rung_interviewer;
GRANT EXECUTE ON FUNCTION rung.laptop_synced(text), rung.erasures_received(text, text[]) TO rung_interviewer;

ALTER TABLE rung.laptops ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.erasure_receipts ENABLE ROW LEVEL SECURITY;
ALTER TABLE rung.maintenance_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY laptops_read ON rung.laptops FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY erasure_receipts_read ON rung.erasure_receipts FOR SELECT TO rung_interviewer USING (true);
CREATE POLICY maintenance_runs_read ON rung.maintenance_runs FOR SELECT TO rung_interviewer USING (true);
