//! One row of the performance table `scripts/bench.sh` prints: when `RUNG_BENCH_TABLE`
//! names a file, a bench appends its headline rows to it (tab-separated: what, Rung, the
//! baseline measured beside it, the comparison or goal).

use std::io::Write;

pub fn record(what: &str, rung: &str, baseline: &str, comparison: &str) {
    let Some(path) = std::env::var_os("RUNG_BENCH_TABLE") else { return };
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("the table file");
    writeln!(file, "{what}\t{rung}\t{baseline}\t{comparison}").expect("write a table row");
}
