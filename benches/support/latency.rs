//! Latency percentiles for the table benchmarks: run a query `runs` times, report p50/p99.

use std::time::{Duration, Instant};

/// (p50, p99) of `runs` timed calls of `query`.
pub fn p50_p99(runs: usize, mut query: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            query();
            started.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    (at(0.5), at(0.99))
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
