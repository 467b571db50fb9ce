import { describe, expect, it } from 'vitest';
import { SaveQueue } from './saveQueue';

/** A save whose answer the test gives when it wants: what a slow backend call looks like. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every promise callback that can run, run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SaveQueue', () => {
  it('starts a save only after the one before it has finished, so the last edit wins', async () => {
    const queue = new SaveQueue();
    const written: string[] = [];
    const first = deferred();
    const started: string[] = [];
    const a = queue.run(async () => {
      started.push('first');
      await first.promise;
      written.push('score 2');
    });
    const b = queue.run(async () => {
      started.push('second');
      written.push('score 4');
    });
    await settle();
    expect(started).toEqual(['first']);
    first.resolve();
    await Promise.all([a, b]);
    expect(started).toEqual(['first', 'second']);
    expect(written).toEqual(['score 2', 'score 4']);
  });

  it('gives each caller its own answer', async () => {
    const queue = new SaveQueue();
    const answers = await Promise.all([queue.run(async () => 1), queue.run(async () => 'two')]);
    expect(answers).toEqual([1, 'two']);
  });

  it('goes on after a failed save, and the failure reaches the caller who made it', async () => {
    const queue = new SaveQueue();
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(async () => 'saved');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('saved');
  });

  it('counts what is queued or running until it has finished, failures included', async () => {
    const queue = new SaveQueue();
    expect(queue.pending).toBe(0);
    const slow = deferred();
    const a = queue.run(() => slow.promise);
    const b = queue.run(() => Promise.reject(new Error('refused')));
    expect(queue.pending).toBe(2);
    slow.resolve();
    await a;
    await b.catch(() => undefined);
    await queue.idle();
    expect(queue.pending).toBe(0);
  });

  it('is idle only once every save queued so far has finished', async () => {
    const queue = new SaveQueue();
    const slow = deferred();
    let finished = false;
    void queue.run(() => slow.promise.then(() => (finished = true)));
    let idle = false;
    void queue.idle().then(() => (idle = true));
    await settle();
    expect(idle).toBe(false);
    slow.resolve();
    await queue.idle();
    expect(finished).toBe(true);
    expect(idle).toBe(true);
  });

  it('is idle after a failed save too', async () => {
    const queue = new SaveQueue();
    void queue.run(() => Promise.reject(new Error('closed'))).catch(() => undefined);
    await expect(queue.idle()).resolves.toBeUndefined();
  });
});
