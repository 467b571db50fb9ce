// Saves run one after another, in the order they were made: the last edit always wins,
// whatever order the backend would finish concurrent calls in.
export class SaveQueue {
  private tail: Promise<unknown> = Promise.resolve();
  pending = 0;

  /** Resolves when every save queued so far has finished. */
  idle(): Promise<unknown> {
    return this.tail;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined).finally(() => (this.pending -= 1));
    return next;
  }
}
