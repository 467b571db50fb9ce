/** True only in the benchmark's build (`vite build --mode bench`); see vite.config.ts. */
declare const __RUNG_BENCH__: boolean;
