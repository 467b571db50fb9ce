//! Start-up, size and memory of the release app against a bare Tauri window
//! (benches/hello), side by side in one run under the same X server:
//! - process start → first painted content (the X screen, read with `xwd`, shows text:
//!   more than a handful of colours), for Rung on a data folder with one candidate and with
//!   10,000 (30,000 scorecards, 330,000 ratings), and for hello-world; paired runs;
//! - resident memory (the app and its WebKit processes) 2 s after that paint;
//! - the release binaries' sizes, and the .deb's.
//!
//! Needs the release binaries and a display: run `bash scripts/bench.sh`, which builds them,
//! starts Xvfb and passes RUNG_BIN, HELLO_BIN and RUNG_DEB.

#[path = "support/archive.rs"]
mod archive;
#[path = "support/table.rs"]
mod table;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 10;
/// A window whose webview has painted only its background shows one or two colours;
/// rendered text brings dozens (anti-aliasing).
const CONTENT_COLOURS: usize = 16;
const TIMEOUT: Duration = Duration::from_secs(20);

/// Distinct pixel values on the X screen, counted up to `enough`.
fn screen_colours(enough: usize) -> usize {
    let output = Command::new("xwd").args(["-root", "-silent"]).output().expect("xwd (package x11-apps)");
    let dump = output.stdout;
    if dump.len() < 100 {
        return 0; // xwd has been seen to fail now and then while a window maps: look again
    }
    let field = |index: usize| u32::from_be_bytes(dump[index * 4..index * 4 + 4].try_into().unwrap()) as usize;
    let (header, bits_per_pixel, bytes_per_line, colours, height) =
        (field(0), field(11), field(12), field(19), field(5));
    let bytes_per_pixel = bits_per_pixel / 8;
    assert!(bytes_per_pixel >= 3, "run the X server at depth 24");
    let pixels = &dump[header + colours * 12..];
    let mut seen = std::collections::HashSet::new();
    for row in pixels.chunks_exact(bytes_per_line).take(height) {
        for pixel in row.chunks_exact(bytes_per_pixel) {
            seen.insert(u32::from_le_bytes([pixel[0], pixel[1], pixel[2], 0]));
            if seen.len() >= enough {
                return seen.len();
            }
        }
    }
    seen.len()
}

/// Resident memory of `pid` and every process it started (the WebKit web and network
/// processes), in MiB.
fn tree_rss_mib(pid: u32) -> f64 {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else { continue };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else { continue };
        let after_name = &stat[stat.rfind(')').unwrap_or(0) + 2..];
        if let Some(parent) = after_name.split(' ').nth(1).and_then(|p| p.parse::<u32>().ok()) {
            parents.push((child, parent));
        }
    }
    let mut tree = vec![pid];
    let mut index = 0;
    while index < tree.len() {
        let parent = tree[index];
        tree.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(c, _)| *c));
        index += 1;
    }
    let kib: u64 = tree
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .filter_map(|status| {
            let line = status.lines().find(|line| line.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .sum();
    kib as f64 / 1024.0
}

struct Sample {
    first_content: Duration,
    rss_mib: f64,
}

fn end(mut app: Child) {
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", app.id())]).status();
    let _ = app.wait();
    // The next run starts on an empty screen.
    let deadline = Instant::now() + TIMEOUT;
    while screen_colours(2) > 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn launch(binary: &Path, data_dir: Option<&Path>) -> Sample {
    let mut command = Command::new(binary);
    if let Some(dir) = data_dir {
        command.arg("--data-dir").arg(dir);
    }
    let started = Instant::now();
    let app = command
        .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    while screen_colours(CONTENT_COLOURS) < CONTENT_COLOURS {
        if started.elapsed() > TIMEOUT {
            end(app);
            panic!("{} painted nothing in {TIMEOUT:?}", binary.display());
        }
    }
    let first_content = started.elapsed();
    std::thread::sleep(Duration::from_secs(2));
    let rss_mib = tree_rss_mib(app.id());
    end(app);
    Sample { first_content, rss_mib }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn summary(samples: &[Sample]) -> (f64, f64, f64, f64) {
    let ms: Vec<f64> = samples.iter().map(|s| s.first_content.as_secs_f64() * 1e3).collect();
    let low = ms.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ms.iter().copied().fold(0.0, f64::max);
    (median(ms), low, high, median(samples.iter().map(|s| s.rss_mib).collect()))
}

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var_os(name).unwrap_or_else(|| panic!("{name} is not set: run scripts/bench.sh")))
}

fn mib(path: &Path) -> f64 {
    std::fs::metadata(path).map(|m| m.len() as f64 / (1024.0 * 1024.0)).unwrap_or(f64::NAN)
}

fn main() {
    if !std::env::args().any(|arg| arg == "--bench") || std::env::var_os("RUNG_BIN").is_none() {
        println!("startup: run with scripts/bench.sh (release builds, Xvfb) to measure");
        return;
    }
    let (rung, hello) = (env_path("RUNG_BIN"), env_path("HELLO_BIN"));
    let small = tempfile::tempdir().unwrap();
    let large = tempfile::tempdir().unwrap();
    archive::populate(small.path(), 1, 11);
    archive::populate(large.path(), 10_000, 11);
    let large_mib = mib(&large.path().join(rung::store::DB_FILE));
    // One start each before measuring: the first creates the app's settings and caches.
    launch(&hello, None);
    launch(&rung, Some(small.path()));
    launch(&rung, Some(large.path()));

    // RUNG_STARTUP_RUNS: fewer paired runs while looking for where the time goes.
    let runs = std::env::var("RUNG_STARTUP_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(RUNS);
    let (mut bare, mut one, mut many) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        eprint!("\rstart-up run {}/{runs}", run + 1);
        bare.push(launch(&hello, None));
        one.push(launch(&rung, Some(small.path())));
        many.push(launch(&rung, Some(large.path())));
    }
    eprintln!();
    if std::env::var_os("RUNG_STARTUP_SAMPLES").is_some() {
        for (name, samples) in [("hello", &bare), ("one", &one), ("many", &many)] {
            let ms: Vec<u128> = samples.iter().map(|s| s.first_content.as_millis()).collect();
            println!("samples {name}: {ms:?}");
        }
    }
    let (bare_ms, bare_low, bare_high, bare_rss) = summary(&bare);
    let (one_ms, one_low, one_high, one_rss) = summary(&one);
    let (many_ms, many_low, many_high, _) = summary(&many);
    println!("start → first painted content, median of {runs} paired runs (min–max)");
    println!("hello-world          {bare_ms:>7.0} ms ({bare_low:.0}–{bare_high:.0})");
    println!("rung, 1 candidate    {one_ms:>7.0} ms ({one_low:.0}–{one_high:.0})");
    println!("rung, 10,000         {many_ms:>7.0} ms ({many_low:.0}–{many_high:.0}), database {large_mib:.0} MiB");
    table::record(
        &format!("Cold start → first painted content, 1 candidate (median of {runs} paired runs)"),
        &format!("{one_ms:.0} ms"),
        &format!("{bare_ms:.0} ms"),
        &format!("{:.2}× (goal ≤ 1.10×)", one_ms / bare_ms),
    );
    table::record(
        &format!("Cold start → first painted content, 10,000 candidates ({large_mib:.0} MiB database)"),
        &format!("{many_ms:.0} ms"),
        &format!("{bare_ms:.0} ms"),
        &format!("{:.2}× ({:+.0} ms against 1 candidate)", many_ms / bare_ms, many_ms - one_ms),
    );
    table::record(
        "Idle memory 2 s after first paint (RSS, app + WebKit processes)",
        &format!("{one_rss:.0} MiB"),
        &format!("{bare_rss:.0} MiB"),
        &format!("{:.2}×", one_rss / bare_rss),
    );
    let (rung_mib, hello_mib) = (mib(&rung), mib(&hello));
    table::record(
        "Release binary size (stripped)",
        &format!("{rung_mib:.1} MiB"),
        &format!("{hello_mib:.1} MiB"),
        &format!("{:.2}× (goal ≤ 2.5×)", rung_mib / hello_mib),
    );
    if let Some(deb) = std::env::var_os("RUNG_DEB") {
        table::record(".deb package size", &format!("{:.1} MiB", mib(Path::new(&deb))), "", "");
    }
}
