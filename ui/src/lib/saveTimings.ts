// Per save, ms from the key press to the call leaving for Rust, to Rust's acknowledged
// commit and to the "saved" paint: what the in-window benchmark reads (scripts/bench.sh,
// `bench_rating_save_round_trip_in_the_app`), never sent anywhere.
//
// A test seam, so only a front end built for the benchmark has it (`vite build --mode
// bench`, which scripts/bench.sh runs): in every other build `__RUNG_BENCH__` is `false`
// (vite.config.ts), the bundler drops the hook with its name, and the .deb's check
// (tests/package/deb.sh) finds no `__rungSaveTimings` in what the installed app serves.

export type SaveTiming = { sent: number; acknowledged: number; painted: number };

/** Records `sent` and `acknowledged` for a save begun at `startedAt`, and its paint. */
export type SaveTimingRecorder = (startedAt: number, sent: number, acknowledged: number) => void;

/** A fresh list of timings for one scoring screen, shown to the benchmark as
 * `window.__rungSaveTimings`; outside a benchmark build, a recorder that does nothing. */
export function startSaveTimings(): SaveTimingRecorder {
  if (!__RUNG_BENCH__) return () => {};
  const timings: SaveTiming[] = [];
  (window as unknown as { __rungSaveTimings: SaveTiming[] }).__rungSaveTimings = timings;
  return (startedAt, sent, acknowledged) =>
    requestAnimationFrame(() => timings.push({ sent, acknowledged, painted: performance.now() - startedAt }));
}
