// Work that waits for a pause in typing: one waiting call per key. Another edit of the
// same key replaces the waiting call and restarts the wait; `flush` runs it at once
// (before a submit, a close or leaving the screen), so the last edit is never lost.
export class Debouncer<K = string> {
  private readonly waitingWork = new Map<K, { timer: ReturnType<typeof setTimeout>; work: () => void }>();
  private readonly delayMs: number;
  private readonly onChange: (waiting: number) => void;

  /** `onChange` hears how many calls wait after every change (for "Saving…"). */
  constructor(delayMs: number, onChange: (waiting: number) => void = () => {}) {
    this.delayMs = delayMs;
    this.onChange = onChange;
  }

  /** How many calls wait for their pause. */
  get waiting(): number {
    return this.waitingWork.size;
  }

  has(key: K): boolean {
    return this.waitingWork.has(key);
  }

  /** `work` runs after `delayMs` without another `schedule` for `key`. */
  schedule(key: K, work: () => void): void {
    const before = this.waitingWork.get(key);
    if (before) clearTimeout(before.timer);
    this.waitingWork.set(key, { timer: setTimeout(() => this.flush(key), this.delayMs), work });
    this.onChange(this.waitingWork.size);
  }

  /** Runs the call waiting for `key` now, if there is one. */
  flush(key: K): void {
    const waiting = this.waitingWork.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waitingWork.delete(key);
    this.onChange(this.waitingWork.size);
    waiting.work();
  }

  /** Runs every waiting call now, in the order they were first scheduled. */
  flushAll(): void {
    for (const key of [...this.waitingWork.keys()]) this.flush(key);
  }
}
