import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from './debouncer';

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the work once the typing pauses, and only the last edit', () => {
    const saved: string[] = [];
    const notes = new Debouncer<string>(400);
    notes.schedule('mentor', () => saved.push('h'));
    vi.advanceTimersByTime(300);
    notes.schedule('mentor', () => saved.push('he'));
    vi.advanceTimersByTime(300);
    expect(saved).toEqual([]);
    notes.schedule('mentor', () => saved.push('hel'));
    vi.advanceTimersByTime(399);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual(['hel']);
    vi.advanceTimersByTime(2000);
    expect(saved).toEqual(['hel']);
    expect(notes.waiting).toBe(0);
  });

  it('keeps each key waiting on its own', () => {
    const saved: string[] = [];
    const notes = new Debouncer<string>(400);
    notes.schedule('mentor', () => saved.push('mentor'));
    vi.advanceTimersByTime(200);
    notes.schedule('craft', () => saved.push('craft'));
    expect(notes.waiting).toBe(2);
    vi.advanceTimersByTime(200);
    expect(saved).toEqual(['mentor']);
    expect(notes.has('craft')).toBe(true);
    vi.advanceTimersByTime(200);
    expect(saved).toEqual(['mentor', 'craft']);
  });

  it('runs a waiting call at once when flushed, and never again when its pause ends', () => {
    const saved: string[] = [];
    const notes = new Debouncer<string>(400);
    notes.schedule('mentor', () => saved.push('typed'));
    notes.flush('mentor');
    expect(saved).toEqual(['typed']);
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual(['typed']);
    notes.flush('mentor');
    // Nothing waits: flushing again runs nothing.
    expect(saved).toEqual(['typed']);
  });

  it('flushes everything waiting in the order it was first typed', () => {
    const saved: string[] = [];
    const notes = new Debouncer<string>(400);
    notes.schedule('a', () => saved.push('a1'));
    notes.schedule('b', () => saved.push('b'));
    notes.schedule('a', () => saved.push('a2'));
    notes.flushAll();
    expect(saved).toEqual(['a2', 'b']);
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual(['a2', 'b']);
  });

  it('says how many calls wait after every change, before the flushed work runs', () => {
    const counts: number[] = [];
    let seenByWork = -1;
    const notes: Debouncer<string> = new Debouncer<string>(400, (waiting) => counts.push(waiting));
    notes.schedule('a', () => (seenByWork = notes.waiting));
    notes.schedule('b', () => undefined);
    notes.schedule('a', () => (seenByWork = notes.waiting));
    expect(counts).toEqual([1, 2, 2]);
    notes.flush('a');
    expect(seenByWork).toBe(1);
    vi.advanceTimersByTime(400);
    expect(counts).toEqual([1, 2, 2, 1, 0]);
  });
});
