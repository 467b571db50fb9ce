//! A real, throwaway PostgreSQL server for the team-mode tests: Debian's `postgresql`
//! binaries, a cluster in a temporary folder on a free loopback port, run as the
//! `postgres` user when the tests run as root (initdb refuses root), password logins
//! (SCRAM) for every role, stopped and removed when dropped. No mock anywhere.
//!
//! Shared (`#[path]`) by rung-team's tests, the app's integration tests and the team
//! benchmark. How a team is set up on it (`set_up_team`) is each includer's own: the
//! library here, the `rung` CLI in tests/integration/team_support.rs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

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

    /// The cluster's temporary folder (removed with it).
    pub fn folder(&self) -> &Path {
        self.dir.path()
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
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.crash();
    }
}

/// Tests that start servers take turns: each cluster wants its own memory and port.
pub static ONE_SERVER_AT_A_TIME: Mutex<()> = Mutex::new(());

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
