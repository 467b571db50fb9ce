//! A real, throwaway PostgreSQL server for the team-mode tests: Debian's `postgresql`
//! binaries, a cluster in a temporary folder on a free loopback port, run as the
//! `postgres` user when the tests run as root (initdb refuses root), password logins
//! (SCRAM) for every role, stopped and removed when dropped. No mock anywhere.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use rung::scorecard::Overall;
use rung::store::{RatingChange, Store, StoredInterview};

// Shared with benches/team_sync.rs, which includes store_support.rs beside it.
use crate::store_support::text;

pub const ADMIN: &str = "rung_admin";
pub const ADMIN_PASSWORD: &str = "admin-pw";

/// Every member's password in these tests.
pub fn password(login: &str) -> String {
    format!("{login}-pw")
}

pub struct Postgres {
    dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
    /// Who runs the server: `postgres` when the tests run as root.
    run_as: Option<String>,
    /// TLS only (hostssl), with a certificate from a test CA.
    tls: bool,
}

fn postgres_bin() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (apt-get install postgresql; the test command does it)")
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().expect("a PostgreSQL version with initdb under /usr/lib/postgresql")
}

fn running_as_root() -> bool {
    let output = Command::new("id").arg("-u").output().unwrap();
    text(&output.stdout).trim() == "0"
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Postgres {
    /// Creates the cluster, starts it and creates the database `rung`.
    pub fn start() -> Postgres {
        Postgres::start_with(false)
    }

    /// The same, accepting only TLS connections, with a server certificate signed by a
    /// throwaway CA (`ca_file`).
    pub fn start_tls_only() -> Postgres {
        Postgres::start_with(true)
    }

    fn start_with(tls: bool) -> Postgres {
        let dir = tempfile::tempdir().unwrap();
        let run_as = running_as_root().then(|| "postgres".to_owned());
        let pg = Postgres { port: free_port(), bin: postgres_bin(), run_as, dir, tls };
        std::fs::write(pg.dir.path().join("pw"), ADMIN_PASSWORD).unwrap();
        if tls {
            pg.make_certificates();
        }
        if let Some(user) = &pg.run_as {
            let chown = Command::new("chown").arg("-R").arg(format!("{user}:")).arg(pg.dir.path()).output().unwrap();
            assert!(chown.status.success(), "{}", text(&chown.stderr));
        }
        let data = pg.data();
        let init = pg.as_server(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                ADMIN,
                "--pwfile",
                &pg.path("pw"),
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        assert!(init.status.success(), "initdb: {}{}", text(&init.stdout), text(&init.stderr));
        if tls {
            // Overwriting keeps the file's owner (the server's user).
            let hba = "hostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 0.0.0.0/0 reject\n";
            std::fs::write(pg.dir.path().join("data/pg_hba.conf"), hba).unwrap();
        }
        pg.start_server();
        let created = pg.psql(ADMIN, ADMIN_PASSWORD, "postgres", "CREATE DATABASE rung");
        assert!(created.status.success(), "{}", text(&created.stderr));
        pg
    }

    /// A CA and a server certificate for 127.0.0.1 and localhost, with OpenSSL's CLI.
    fn make_certificates(&self) {
        let dir = self.dir.path();
        std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n").unwrap();
        let steps: [&[&str]; 3] = [
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=Rung test CA",
            ],
            &[
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost",
            ],
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.crt",
                "-days",
                "2",
                "-extfile",
                "san.ext",
            ],
        ];
        for step in steps {
            let output = Command::new("openssl").args(step).current_dir(dir).output().expect("openssl is installed");
            assert!(output.status.success(), "openssl {step:?}: {}", text(&output.stderr));
        }
        std::fs::set_permissions(dir.join("server.key"), std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    }

    /// The test CA that signed the server's certificate (TLS servers only).
    pub fn ca_file(&self) -> String {
        self.path("ca.pem")
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_owned()
    }

    fn data(&self) -> String {
        self.path("data")
    }

    fn as_server(&self, program: &str, args: &[&str]) -> Output {
        let program = self.bin.join(program);
        let mut command = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&program);
                command
            }
            None => Command::new(&program),
        };
        command.args(args).current_dir(self.dir.path()).output().unwrap()
    }

    pub fn start_server(&self) {
        let mut options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        if self.tls {
            let (cert, key) = (self.path("server.crt"), self.path("server.key"));
            options.push_str(&format!(" -c ssl=on -c ssl_cert_file={cert} -c ssl_key_file={key}"));
        }
        let started = self.as_server(
            "pg_ctl",
            &["-D", &self.data(), "-l", &self.path("log"), "-w", "-t", "60", "-o", &options, "start"],
        );
        assert!(
            started.status.success(),
            "pg_ctl start: {}{}\n{}",
            text(&started.stdout),
            text(&started.stderr),
            self.log()
        );
    }

    /// Stops the server as a crash would (no shutdown checkpoint; recovery on start).
    pub fn crash(&self) {
        let _ = self.as_server("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
    }

    pub fn stop(&self) {
        let _ = self.as_server("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    pub fn url(&self, login: &str) -> String {
        format!("postgresql://{login}@127.0.0.1:{}/rung", self.port)
    }

    pub fn admin_url(&self) -> String {
        match self.tls {
            true => format!("{}?sslmode=require&sslrootcert={}", self.url(ADMIN), self.ca_file()),
            false => self.url(ADMIN),
        }
    }

    /// Raw SQL as a role, through psql: unaligned, tuples only, stop on the first error.
    pub fn psql(&self, login: &str, password: &str, database: &str, sql: &str) -> Output {
        Command::new("psql")
            .arg(format!("host=127.0.0.1 port={} dbname={database} user={login}", self.port))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .env("PGPASSWORD", password)
            .env_remove("PGSERVICEFILE")
            .output()
            .unwrap()
    }

    /// Raw SQL as the administrator (the table owner, whom row-level security does not bind).
    pub fn admin_sql(&self, sql: &str) -> String {
        let output = self.psql(ADMIN, ADMIN_PASSWORD, "rung", sql);
        assert!(output.status.success(), "{sql}: {}", text(&output.stderr));
        text(&output.stdout).trim().to_owned()
    }

    /// `pg_dump` of the whole team database, as the administrator sees it.
    pub fn dump(&self) -> String {
        let output = Command::new("pg_dump")
            .arg(format!("host=127.0.0.1 port={} dbname=rung user={ADMIN}", self.port))
            .env("PGPASSWORD", ADMIN_PASSWORD)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout)
    }

    /// Every file under the cluster's `folder` (`base`, `pg_wal`, …) whose bytes contain
    /// `needle`, read as they are on disk.
    pub fn files_containing(&self, folder: &str, needle: &str) -> Vec<PathBuf> {
        files_containing(&self.dir.path().join("data").join(folder), needle)
    }

    /// `ALTER SYSTEM SET name = value` and a reload (settings the server reads on SIGHUP).
    pub fn set(&self, name: &str, value: &str) {
        self.admin_sql(&format!("ALTER SYSTEM SET {name} = '{value}'"));
        self.admin_sql("SELECT pg_reload_conf()");
        // The reload reaches every process within moments; wait until this session sees it.
        for _ in 0..50 {
            if self.admin_sql(&format!("SHOW {name}")) == value {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("{name} did not become {value}");
    }

    /// A session of the administrator that runs `sql` and stays open (in its transaction)
    /// until the returned child is dropped or killed.
    pub fn open_session(&self, sql: &str) -> std::process::Child {
        use std::io::Write;
        let mut child = Command::new("psql")
            .arg(format!("host=127.0.0.1 port={} dbname=rung user={ADMIN}", self.port))
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .env("PGPASSWORD", ADMIN_PASSWORD)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.as_mut().unwrap();
        writeln!(stdin, "{sql}").unwrap();
        // psql answers once the statements ran: the transaction is open from then on.
        let mut line = String::new();
        std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.as_mut().unwrap()), &mut line).unwrap();
        child
    }

    /// `rung team init-server`, then the members: `(login, coordinator)`.
    pub fn set_up_team(&self, members: &[(&str, bool)]) {
        let init =
            rung_team_cli(Path::new(self.dir.path()), ADMIN_PASSWORD, &["team", "init-server", &self.admin_url()]);
        assert!(init.status.success(), "{}", text(&init.stderr));
        let admin_url = self.admin_url();
        for (login, coordinator) in members {
            let mut args = vec!["team", "add-member", &admin_url, "--login", login];
            if *coordinator {
                args.push("--coordinator");
            }
            let added = Command::new(env!("CARGO_BIN_EXE_rung"))
                .args(&args)
                .env("PGPASSWORD", ADMIN_PASSWORD)
                .env("RUNG_MEMBER_PASSWORD", password(login))
                .output()
                .unwrap();
            assert!(added.status.success(), "{}", text(&added.stderr));
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.crash();
    }
}

/// Every file under `folder` (recursively) whose bytes contain `needle`.
pub fn files_containing(folder: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                folders.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                if bytes.windows(needle.len()).any(|window| window == needle.as_bytes()) {
                    found.push(path);
                }
            }
        }
    }
    found
}

/// The real `rung` binary with a password in PGPASSWORD (and no data folder from outside).
pub fn rung_team_cli(data_dir: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rung"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("RUNG_DATA_DIR")
        .env("PGPASSWORD", password)
        .output()
        .unwrap()
}

/// A laptop: a data folder connected to the team server as one member.
pub struct Laptop {
    pub dir: tempfile::TempDir,
    pub login: String,
}

impl Laptop {
    pub fn new(login: &str) -> Laptop {
        Laptop { dir: tempfile::tempdir().unwrap(), login: login.to_owned() }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `rung <args>` on this laptop, with this member's password.
    pub fn rung(&self, args: &[&str]) -> Output {
        rung_team_cli(self.path(), &password(&self.login), args)
    }

    pub fn connect(&self, pg: &Postgres, name: &str) {
        let output = self.rung(&["team", "connect", &pg.url(&self.login), "--name", name]);
        assert!(output.status.success(), "{} connects: {}", self.login, text(&output.stderr));
    }

    /// `rung team sync --json`, which must succeed.
    pub fn sync(&self) -> serde_json::Value {
        let output = self.rung(&["team", "sync", "--json"]);
        assert!(output.status.success(), "{} syncs: {}{}", self.login, text(&output.stdout), text(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    pub fn store(&self) -> Store {
        Store::open_in(self.path()).unwrap()
    }

    /// The seals (as made where each thing was sealed) of every submitted scorecard and
    /// decision here.
    pub fn seals(&self) -> Vec<String> {
        self.store().global_seals().unwrap()
    }

    /// `rung db check` and `rung audit verify` both pass.
    pub fn assert_checks_pass(&self) {
        for args in [&["db", "check"][..], &["audit", "verify"][..]] {
            let output = self.rung(args);
            assert!(
                output.status.success(),
                "{} {args:?}: {}{}",
                self.login,
                text(&output.stdout),
                text(&output.stderr)
            );
        }
    }
}

/// Tests that start servers take turns: each cluster wants its own memory and port.
pub static ONE_SERVER_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Scores an interview as `me` (every focus characteristic at `score`, with `note`) and,
/// when `submit`, submits it; returns the scorecard's id and, once submitted, its seal.
pub fn score_interview(
    store: &mut Store,
    me: i64,
    candidate: i64,
    interview: &StoredInterview,
    (score, note): (u8, &str),
    submit: bool,
) -> (i64, Option<String>) {
    let card = store.start_scorecard(candidate, me, Some(interview.id)).unwrap();
    for focus in &interview.focus {
        let change = RatingChange {
            role_key: focus.role_key.clone(),
            characteristic_key: focus.characteristic_key.clone(),
            score: Some(score),
            notes: note.to_owned(),
        };
        store.save_rating(me, card, &change).unwrap();
    }
    store.save_overall(me, card, Some(Overall::Yes), None, note).unwrap();
    let seal = submit.then(|| store.submit_scorecard(me, card).unwrap().seal_sha256.unwrap());
    (card, seal)
}

/// A coordinator (`cora`) and interviewers on their own laptops, all connected, with the
/// coordinator's `candidates` (default panel plans) shared and every interview assigned
/// round robin to the interviewers, then pulled by everyone.
pub struct Team {
    pub coordinator: Laptop,
    pub interviewers: Vec<Laptop>,
    /// The candidates' ids on the coordinator's laptop.
    pub candidates: Vec<i64>,
}

impl Team {
    /// `interviewers`: (login, display name); the server must have them as members.
    pub fn with_panels(pg: &Postgres, candidates: &[&str], interviewers: &[(&str, &str)]) -> Team {
        let coordinator = Laptop::new("cora");
        let ids = candidates
            .iter()
            .map(|name| crate::store_support::seed_candidate(&mut coordinator.store(), name))
            .collect();
        coordinator.connect(pg, "Cora Diaz");
        let laptops: Vec<Laptop> = interviewers
            .iter()
            .map(|(login, name)| {
                let laptop = Laptop::new(login);
                laptop.connect(pg, name);
                laptop
            })
            .collect();
        coordinator.sync();
        let team = Team { coordinator, interviewers: laptops, candidates: ids };
        {
            let mut store = team.coordinator.store();
            for candidate in &team.candidates {
                for (index, interview) in store.panel(*candidate).unwrap().iter().enumerate() {
                    let login = interviewers[index % interviewers.len()].0;
                    let member = store.interviewer_with_login(login).unwrap().unwrap();
                    store.assign_interviewer(interview.id, Some(member)).unwrap();
                }
            }
        }
        team.coordinator.sync();
        for laptop in &team.interviewers {
            laptop.sync();
        }
        team
    }
}

impl Laptop {
    /// Scores (and submits, unless `draft`) every interview assigned to this laptop's member
    /// that has no scorecard yet, for every candidate here; returns the new seals.
    pub fn score_assigned(&self, score: u8, note: &str, submit: bool) -> Vec<String> {
        let mut store = self.store();
        let me = store.team_binding().unwrap().expect("the laptop is connected").interviewer_id;
        let mut seals = Vec::new();
        for candidate in store.candidates().unwrap() {
            let started: Vec<Option<i64>> =
                store.scorecards_of(candidate.id).unwrap().iter().map(|card| card.interview_id).collect();
            for interview in store.panel(candidate.id).unwrap() {
                if interview.interviewer_id == Some(me) && !started.contains(&Some(interview.id)) {
                    seals.extend(score_interview(&mut store, me, candidate.id, &interview, (score, note), submit).1);
                }
            }
        }
        seals
    }
}
