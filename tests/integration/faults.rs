//! Faults replayed on the real `rung` binary (issue 27): an erase killed at each of its
//! fsyncs (strace's fault injection) leaves, once the data folder is next opened, no
//! byte of the candidate, or the candidate whole and erasable; a disk that fills during
//! an erase (a small tmpfs) never reads as "disk I/O error", and the candidate is never
//! said kept when erased, nor erased when kept; a report killed at each fsync leaves no
//! partial file after the next open; a held or a stopped lock holder is named within a
//! few seconds; the data folder is private whatever the umask, and a read-only one still
//! answers the commands that only read. Needs strace, flock and root (to mount tmpfs).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::erasure::{files_containing, planted, TOKEN};
use crate::store_support::{on_data_dir, rung_in, text};

/// SQLite's own words, which must never reach a user.
const RAW_SQLITE: &[&str] = &[
    "disk I/O error",
    "database or disk is full",
    "constraint failed",
    "database is locked",
    "no such table",
    "the database reported an error",
];

fn assert_no_raw_sqlite(output: &Output, context: &str) {
    let said = format!("{}{}", text(&output.stdout), text(&output.stderr));
    for raw in RAW_SQLITE {
        assert!(!said.contains(raw), "{context}: SQLite's own words reached the user: {said}");
    }
}

/// `rung --data-dir DATA_DIR ARGS` run by strace with `options` (following forks).
fn under_strace(options: &[&str], data_dir: &Path, args: &[&str]) -> Output {
    let mut strace = Command::new("strace");
    strace.args(["-f", "-qq"]).args(options).arg(env!("CARGO_BIN_EXE_rung"));
    on_data_dir(strace, data_dir, args)
}

/// `rung ARGS` under strace, killed (SIGKILL) when it enters its `nth` call of `syscall`.
fn rung_killed_at(data_dir: &Path, syscall: &str, nth: usize, args: &[&str]) -> Output {
    let (trace, inject) = (format!("trace={syscall}"), format!("inject={syscall}:signal=KILL:when={nth}"));
    under_strace(&["-o", "/dev/null", "-e", &trace, "-e", &inject], data_dir, args)
}

/// How many times `rung ARGS` calls each of fsync and fdatasync, on a copy of `dir`.
fn syncs_of(dir: &Path, args: &[&str]) -> Vec<(&'static str, usize)> {
    let copy = tempfile::tempdir().unwrap();
    copy_folder(dir, copy.path());
    let log = copy.path().join("strace.log");
    let output =
        under_strace(&["-o", log.to_str().unwrap(), "-e", "trace=fsync,fdatasync"], &copy.path().join("data"), args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let traced = std::fs::read_to_string(&log).unwrap();
    ["fsync", "fdatasync"]
        .map(|call| (call, traced.lines().filter(|l| l.contains(&format!("{call}("))).count()))
        .to_vec()
}

fn copy_folder(from: &Path, to: &Path) {
    let status = Command::new("cp").arg("-a").arg(from).arg(to.join("data")).status().unwrap();
    assert!(status.success());
}

fn candidates_listed(data_dir: &Path) -> String {
    let output = rung_in(data_dir, &["candidates"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_no_raw_sqlite(&output, "candidates after a fault");
    text(&output.stdout)
}

#[test]
fn an_erase_killed_at_any_fsync_leaves_no_byte_of_the_candidate_after_the_next_open() {
    let prepared = tempfile::tempdir().unwrap();
    let candidate = planted(prepared.path()).to_string();
    let erase = ["erase", "--candidate", candidate.as_str(), "--yes"];
    let syncs = syncs_of(prepared.path(), &erase);
    let total: usize = syncs.iter().map(|(_, n)| n).sum();
    assert!(total >= 4, "an erase syncs its transaction and its scrub: {syncs:?}");
    // A kill leaves what was written before it in the page cache: a commit whose fsync
    // was cut short is still a commit (a power cut is what fsync is for).
    let (mut erased_before_kill, mut kept_before_kill) = (0, 0);
    for (call, count) in syncs {
        for nth in 1..=count {
            let run = tempfile::tempdir().unwrap();
            copy_folder(prepared.path(), run.path());
            let data = run.path().join("data");
            let killed = rung_killed_at(&data, call, nth, &erase);
            assert_no_raw_sqlite(&killed, "a killed erase");
            // The next open (any command) finishes an erasure that was committed.
            let listed = candidates_listed(&data);
            if listed.contains(TOKEN) {
                kept_before_kill += 1;
                let again = rung_in(&data, &erase);
                assert!(again.status.success(), "{call} #{nth}: erasing again: {}", text(&again.stderr));
            } else {
                erased_before_kill += 1;
            }
            let left = files_containing(&data, TOKEN);
            assert!(left.is_empty(), "killed at {call} #{nth}: the candidate survives in {left:?}");
            let check = rung_in(&data, &["db", "check"]);
            assert!(check.status.success(), "{call} #{nth}: {}{}", text(&check.stdout), text(&check.stderr));
            let resume = rung_in(&data, &["erase", "--resume"]);
            assert!(resume.status.success(), "{}", text(&resume.stderr));
            assert!(text(&resume.stdout).contains("no erasure is pending"), "{}", text(&resume.stdout));
        }
    }
    assert!(erased_before_kill > 0, "kills fell after the commit ({kept_before_kill} before it)");
}

/// A tmpfs of `bytes` at a new folder, unmounted when dropped.
struct Tmpfs {
    at: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(bytes: u64) -> Tmpfs {
        let at = tempfile::tempdir().unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}")])
            .arg("tmpfs")
            .arg(at.path())
            .status()
            .unwrap();
        assert!(status.success(), "mounting a tmpfs needs root (the tests run as root)");
        Tmpfs { at }
    }

    fn path(&self) -> &Path {
        self.at.path()
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount").args(["-o", "remount,ro"]).arg(self.path()).status().unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.at.path()).status();
    }
}

/// Fills the file system at `dir` until `leave` bytes are free; returns the filler.
fn fill_leaving(dir: &Path, leave: u64) -> PathBuf {
    let filler = dir.join("filler");
    let free = rung::store::disk_space::free_bytes(dir).unwrap();
    let size = free.saturating_sub(leave);
    let file = std::fs::File::create(&filler).unwrap();
    use std::io::Write;
    let mut writer = std::io::BufWriter::new(file);
    let block = vec![0x55u8; 4096];
    let mut written = 0;
    while written + 4096 <= size {
        if writer.write_all(&block).is_err() {
            break;
        }
        written += 4096;
    }
    let _ = writer.flush();
    filler
}

fn folder_size(dir: &Path) -> u64 {
    crate::support::files_under(dir).iter().map(|f| std::fs::metadata(f).unwrap().len()).sum()
}

#[test]
fn an_erase_on_a_full_disk_is_refused_and_said_so_and_with_room_erases_everything() {
    let prepared = tempfile::tempdir().unwrap();
    let candidate = planted(prepared.path()).to_string();
    let erase = ["erase", "--candidate", candidate.as_str(), "--yes"];
    let needed = folder_size(prepared.path());
    let (mut refused, mut erased) = (0, 0);
    // From no room at all to room for everything, on a real file system that fills.
    for leave in (0..40).map(|step| step * 16 * 1024).chain([needed, 2 * needed]) {
        let disk = Tmpfs::mount(needed * 4 + 4 * 1024 * 1024);
        copy_folder(prepared.path(), disk.path());
        let data = disk.path().join("data");
        let filler = fill_leaving(disk.path(), leave);
        // SQLite's temporary files on the same full disk, as on a laptop.
        let mut rung = Command::new(env!("CARGO_BIN_EXE_rung"));
        rung.env("SQLITE_TMPDIR", disk.path());
        let output = on_data_dir(rung, &data, &erase);
        assert_no_raw_sqlite(&output, &format!("erase with {leave} bytes free"));
        let said = format!("{}{}", text(&output.stdout), text(&output.stderr));
        std::fs::remove_file(&filler).unwrap();
        if output.status.success() {
            erased += 1;
            assert!(said.contains(&format!("Erased candidate {candidate}")), "{leave}: {said}");
            if said.contains("not yet scrubbed") {
                assert!(said.contains("the disk is full (") && said.contains("rung erase --resume"), "{said}");
            }
            // With room again, the next command finishes whatever is pending.
            candidates_listed(&data);
            let left = files_containing(&data, TOKEN);
            assert!(left.is_empty(), "{leave} bytes free: the candidate survives in {left:?}");
        } else {
            refused += 1;
            // Not erased, and said so: the candidate is all there.
            assert!(said.contains("the disk is full (") && said.contains("B free at"), "{leave}: {said}");
            assert!(candidates_listed(&data).contains(TOKEN), "{leave}: refused, so kept: {said}");
        }
    }
    assert!(refused > 0 && erased > 0, "{refused} refused, {erased} erased");
}

/// `rung ARGS` with every write to `file` from the `nth` on failing as a full disk would.
fn rung_with_disk_full_from(data_dir: &Path, file: &Path, nth: usize, args: &[&str]) -> Output {
    let inject = format!("inject=pwrite64,write:error=ENOSPC:when={nth}+");
    let options = ["-o", "/dev/null", "-P", file.to_str().unwrap(), "-e", "trace=pwrite64,write", "-e", &inject];
    under_strace(&options, data_dir, args)
}

#[test]
fn a_disk_that_fills_during_an_erase_never_says_kept_when_erased_and_the_scrub_finishes_later() {
    let prepared = tempfile::tempdir().unwrap();
    let candidate = planted(prepared.path()).to_string();
    let erase = ["erase", "--candidate", candidate.as_str(), "--yes"];
    // How many writes an erase makes to the WAL (its transaction, then the scrub's VACUUM).
    let counted = tempfile::tempdir().unwrap();
    copy_folder(prepared.path(), counted.path());
    let wal = counted.path().join("data/rung.db-wal");
    let log = counted.path().join("writes.log");
    let options = ["-o", log.to_str().unwrap(), "-P", wal.to_str().unwrap(), "-e", "trace=pwrite64,write"];
    let output = under_strace(&options, &counted.path().join("data"), &erase);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let writes = std::fs::read_to_string(&log).unwrap().lines().filter(|l| l.contains("write")).count();
    assert!(writes > 2, "{writes} writes to the WAL");
    let (mut refused, mut pending) = (0, 0);
    // The disk fills at write n, for n spread over the whole erase (at most 40 runs).
    let every = writes.div_ceil(40).max(1);
    for nth in (1..=writes).step_by(every) {
        let run = tempfile::tempdir().unwrap();
        copy_folder(prepared.path(), run.path());
        let data = run.path().join("data");
        let output = rung_with_disk_full_from(&data, &data.join("rung.db-wal"), nth, &erase);
        assert_no_raw_sqlite(&output, &format!("full from WAL write {nth}"));
        let said = format!("{}{}", text(&output.stdout), text(&output.stderr));
        if output.status.success() {
            assert!(said.contains(&format!("Erased candidate {candidate}")), "{nth}: {said}");
            if said.contains("not yet scrubbed") {
                pending += 1;
                assert!(said.contains("because the disk is full (") && said.contains("rung erase --resume"), "{said}");
                let check = rung_with_disk_full_from(&data, &data.join("rung.db-wal"), 1, &["db", "check"]);
                assert!(!check.status.success(), "db check reports the pending scrub");
                assert!(text(&check.stderr).contains("is not finished"), "{}", text(&check.stderr));
                let resume = rung_in(&data, &["erase", "--resume"]);
                assert!(resume.status.success(), "{}", text(&resume.stderr));
                let resumed = text(&resume.stdout);
                assert!(resumed.contains("The erasure is finished."), "{resumed}");
            }
        } else {
            refused += 1;
            assert!(said.contains("the disk is full ("), "{nth}: {said}");
            assert!(candidates_listed(&data).contains(TOKEN), "{nth}: refused, so kept: {said}");
            let again = rung_in(&data, &erase);
            assert!(again.status.success(), "{}", text(&again.stderr));
        }
        let left = files_containing(&data, TOKEN);
        assert!(left.is_empty(), "disk full from WAL write {nth}: the candidate survives in {left:?}");
    }
    assert!(
        refused > 0 && pending > 0,
        "the disk filled before the commit ({refused}) and during the scrub ({pending})"
    );
}

#[test]
fn a_read_only_data_folder_still_answers_the_commands_that_only_read() {
    let prepared = tempfile::tempdir().unwrap();
    planted(prepared.path());
    let disk = Tmpfs::mount(64 * 1024 * 1024);
    copy_folder(prepared.path(), disk.path());
    let data = disk.path().join("data");
    disk.remount_read_only();
    for args in [&["candidates"][..], &["db", "check"], &["archive"]] {
        let output = rung_in(&data, args);
        assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
        assert!(text(&output.stderr).contains("is read-only, so Rung only reads it"), "{}", text(&output.stderr));
    }
    assert!(candidates_listed(&data).contains(TOKEN));
    let write = rung_in(&data, &["hold", "--candidate", "1"]);
    assert!(!write.status.success());
    assert_no_raw_sqlite(&write, "a write to a read-only folder");
}

#[test]
fn a_report_killed_at_any_fsync_leaves_no_partial_file_after_the_next_open() {
    let prepared = tempfile::tempdir().unwrap();
    let candidate = planted(prepared.path()).to_string();
    let report = |out: &Path| {
        ["report", "--candidate", candidate.as_str(), "--out", out.to_str().unwrap()].map(str::to_owned).to_vec()
    };
    let outside = tempfile::tempdir().unwrap();
    let out = outside.path().join("report.pdf");
    let args = report(&out);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let syncs = syncs_of(prepared.path(), &args);
    for (call, count) in syncs {
        for nth in 1..=count {
            let run = tempfile::tempdir().unwrap();
            copy_folder(prepared.path(), run.path());
            let data = run.path().join("data");
            for stale in std::fs::read_dir(outside.path()).unwrap() {
                std::fs::remove_file(stale.unwrap().path()).unwrap();
            }
            let killed = rung_killed_at(&data, call, nth, &args);
            assert_no_raw_sqlite(&killed, "a killed report");
            candidates_listed(&data);
            let partial: Vec<_> = std::fs::read_dir(outside.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|name| name.contains(".partial-"))
                .collect();
            assert!(partial.is_empty(), "killed at {call} #{nth}: {partial:?} left beside the output");
        }
    }
}

#[test]
fn a_held_lock_is_named_within_seconds_and_a_stopped_holder_said_stopped() {
    let dir = tempfile::tempdir().unwrap();
    planted(dir.path());
    // Held by this process, through Rung's own lock (which records who holds it).
    let held = rung::store::files::lock_folder(dir.path()).unwrap();
    let output = rung_in(dir.path(), &["hold", "--candidate", "1"]);
    drop(held);
    assert!(!output.status.success());
    let said = text(&output.stderr);
    assert!(said.contains("waiting for process"), "a progress line first: {said}");
    assert!(said.contains(&format!("in use by process {}", std::process::id())), "{said}");
    assert!(said.contains("since "), "{said}");

    // A holder stopped as by Ctrl+Z.
    let mut holder = Command::new("flock").arg(dir.path()).args(["sleep", "60"]).spawn().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let pid = holder.id();
    std::fs::write(
        dir.path().join(rung::store::folder_lock::HOLDER_FILE),
        format!("pid={pid}\ncommand=rung restore\nsince=2026-01-01 00:00:00 UTC\nmode=writing\n"),
    )
    .unwrap();
    let stop = Command::new("kill").args(["-STOP", &pid.to_string()]).status().unwrap();
    assert!(stop.success());
    let output = rung_in(dir.path(), &["candidates"]);
    let _ = holder.kill();
    let _ = holder.wait();
    assert!(!output.status.success(), "a reader cannot share a writer's lock");
    let said = text(&output.stderr);
    assert!(said.contains(&format!("process {pid} (rung restore")) && said.contains("which is stopped"), "{said}");
}

#[test]
fn the_data_folder_is_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("new-folder");
    let status = Command::new("sh")
        .args(["-c", "umask 000; exec \"$0\" --data-dir \"$1\" people"])
        .arg(env!("CARGO_BIN_EXE_rung"))
        .arg(&data)
        .env("RUNG_KEY_STORE", "folder")
        .status()
        .unwrap();
    assert!(status.success());
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700, "the data folder");
    for file in crate::support::files_under(&data) {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

proptest::proptest! {
    /// Whatever text a JSON output carries (a title with any Unicode, controls and
    /// bidirectional overrides included), what the CLI prints is JSON that reads back,
    /// by a strict reader, to the same text.
    #[test]
    fn everything_the_cli_prints_as_json_is_json(text in proptest::prelude::any::<String>()) {
        let json = serde_json::to_string_pretty(&serde_json::json!({ "title": text })).unwrap();
        let printed = rung::cli::terminal_safe(&json);
        let raw = printed.chars().any(|c| c == '\u{1b}' || c == '\u{202e}');
        proptest::prop_assert!(!raw, "a control character reached the terminal: {:?}", printed);
        let read: serde_json::Value = serde_json::from_str(&printed).unwrap();
        proptest::prop_assert_eq!(read["title"].as_str(), Some(text.as_str()));
    }
}

#[test]
fn a_ladder_with_a_bidirectional_override_shows_as_json_that_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bidi.md");
    std::fs::write(&file, "# Ladder\n\n## Engineer \u{202e}reversed\n\n### I ship\n\n- x\n").unwrap();
    let show = |path: &Path| {
        let output = Command::new(env!("CARGO_BIN_EXE_rung")).args(["ladder", "show", "--json"]).arg(path).output();
        let output = output.unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        text(&output.stdout)
    };
    let printed = show(&file);
    assert!(!printed.contains('\u{202e}'), "never raw on the terminal");
    let read: serde_json::Value = serde_json::from_str(&printed).expect("strict JSON");
    assert!(!read.to_string().contains('\u{202e}'), "the character is removed at import (ladder/clean.rs): {printed}");
    assert_eq!(read["roles"][0]["title"].as_str(), Some("Engineer reversed"), "{printed}");
    let again = dir.path().join("bidi.json");
    std::fs::write(&again, &printed).unwrap();
    let reread: serde_json::Value = serde_json::from_str(&show(&again)).unwrap();
    assert_eq!(reread["roles"], read["roles"], "imports back unchanged");
}

/// A data folder in which `rung erase` was killed after its transaction committed and
/// before its scrub ended: the candidate is erased, the scrub pending (read straight from
/// the file, which opening through Rung would finish).
fn erase_killed_before_its_scrub() -> tempfile::TempDir {
    let prepared = tempfile::tempdir().unwrap();
    let candidate = planted(prepared.path()).to_string();
    let erase = ["erase", "--candidate", candidate.as_str(), "--yes"];
    for (call, count) in syncs_of(prepared.path(), &erase) {
        for nth in (1..=count).rev() {
            let run = tempfile::tempdir().unwrap();
            copy_folder(prepared.path(), run.path());
            rung_killed_at(&run.path().join("data"), call, nth, &erase);
            let database = rusqlite::Connection::open(run.path().join("data").join(rung::store::DB_FILE)).unwrap();
            let pending: i64 = database.query_row("SELECT count(*) FROM pending_scrubs", [], |row| row.get(0)).unwrap();
            if pending == 1 {
                return run;
            }
        }
    }
    panic!("no kill of the erase left its scrub pending");
}

#[tokio::test(flavor = "multi_thread")]
async fn e2e_the_window_finishes_an_interrupted_erasure_at_start_and_says_so() {
    let killed = erase_killed_before_its_scrub();
    let driver = crate::e2e_support::start_driver();
    let status = Command::new("cp")
        .arg("-a")
        .arg(format!("{}/.", killed.path().join("data").display()))
        .arg(driver.data_dir.path())
        .status()
        .unwrap();
    assert!(status.success());
    let client = crate::e2e_support::open_app(&driver, &[]).await;
    let said = crate::e2e_support::wait_for_text_where(&client, "[data-testid=erased-notes]", |text| {
        text.contains("An erasure was interrupted when Rung last ran; it was finished now.")
    })
    .await;
    assert!(!said.contains("Still to do"), "nothing is left pending: {said}");
    let left = files_containing(driver.data_dir.path(), TOKEN);
    assert!(left.is_empty(), "the candidate survives in {left:?}");
    client.close().await.unwrap();
}

#[test]
fn a_report_racing_an_erase_either_is_issued_first_or_says_the_candidate_was_erased() {
    let prepared = tempfile::tempdir().unwrap();
    let candidate = planted(prepared.path()).to_string();
    let (mut issued, mut refused) = (0, 0);
    for _ in 0..12 {
        let run = tempfile::tempdir().unwrap();
        copy_folder(prepared.path(), run.path());
        let data = run.path().join("data");
        let out = run.path().join("report.pdf");
        let report = {
            let data = data.clone();
            let args = ["report", "--candidate", candidate.as_str(), "--out", out.to_str().unwrap()].map(str::to_owned);
            std::thread::spawn(move || rung_in(&data, &args.each_ref().map(String::as_str)))
        };
        let erased = rung_in(&data, &["erase", "--candidate", candidate.as_str(), "--yes"]);
        let report = report.join().unwrap();
        assert!(erased.status.success(), "the erase goes through: {}", text(&erased.stderr));
        assert_no_raw_sqlite(&report, "a report racing an erase");
        if report.status.success() {
            issued += 1;
        } else {
            refused += 1;
            let said = text(&report.stderr);
            assert!(
                said.contains(&format!("candidate {candidate} does not exist"))
                    || said.contains("was removed (erased or deleted) by another Rung window or command"),
                "{said}"
            );
            assert!(!out.exists(), "a refused report leaves no file");
        }
        let left = files_containing(&data, TOKEN);
        assert!(left.is_empty(), "the candidate survives in {left:?}");
    }
    eprintln!("{issued} reports issued before the erase, {refused} refused after it");
}
