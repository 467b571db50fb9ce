// One scoring screen's state: the scorecard as opened, each characteristic's rating and
// note with where its save stands, the overall recommendation, the clock, and what the
// screen shows (the active row, a note being edited, the submit dialog). Saves go through
// one queue in the order they were made; notes and the summary wait for a pause in typing
// (flushed before a submit, a close, a change of scorer or leaving the screen). The
// components of ./ render it; moving the focus stays with them.

import { tick } from 'svelte';
import { api, errorMessage } from '../../lib/api';
import { Debouncer } from '../../lib/debouncer';
import { treatmentOfError } from '../../lib/errors';
import type { KitCharacteristic, Overall, ScoringSession } from '../../lib/ipc-types';
import { SaveQueue } from '../../lib/saveQueue';
import { startSaveTimings } from '../../lib/saveTimings';
import { session as scorer } from '../../lib/session.svelte';

/** How long a note or the summary waits for the typing to pause before it is saved. */
export const NOTE_DEBOUNCE_MS = 400;

export type SaveState = 'unrated' | 'saved' | 'saving' | 'unsaved' | 'error';
// `assessed`: a rating or "not assessed" was chosen (a note alone is not an assessment).
export type Entry = { score: number | null; assessed: boolean; notes: string; state: SaveState };

export function characteristicKey(item: KitCharacteristic): string {
  return `${item.reference.role_key}/${item.reference.characteristic_key}`;
}

export class ScoringState {
  /** The interview being scored (read when the scorecard is opened). */
  private readonly interviewId: () => number;
  session = $state<ScoringSession | null>(null);
  entries: Record<string, Entry> = $state({});
  /** The active row, which the keys move and rate. */
  current = $state(0);
  editing = $state(false);
  showOthers = $state(false);
  showHelp = $state(false);
  /** The submit dialog, open with the focus characteristics still without a score. */
  confirming = $state<KitCharacteristic[] | null>(null);
  sealed = $state(false);
  sealHash = $state('');
  lastSaved = $state<Date | null>(null);
  saveError = $state<string | null>(null);
  pending = $state(0);
  debouncing = $state(0);
  elapsed = $state(0);
  needsScorer = $state(false);
  cannotOpen = $state<string | null>(null);
  overallNow = $state<{ overall: Overall | null; levelOpinion: string | null }>({ overall: null, levelOpinion: null });
  // What a screen reader says as the interviewer moves and rates (the list is long and
  // visual; this keeps its place and its rating in words).
  announcement = $state('');
  readOnlyHint = $state<string | null>(null);
  /** The reason being typed for an amendment; `null` when none is being started. */
  amendReason = $state<string | null>(null);

  /** Who the scorecard was opened as: another scorer closes it. */
  openedAs: number | null = null;
  private startedAt = Date.now();
  // Time already spent on this scorecard in earlier sittings (kept on this laptop).
  private elapsedBefore = 0;
  private readonly queue = new SaveQueue();
  private readonly notes = new Debouncer<string>(NOTE_DEBOUNCE_MS, () => this.countDebouncing());
  // The overall summary is debounced like a note: the latest edit waits here.
  private readonly overall = new Debouncer<'summary'>(NOTE_DEBOUNCE_MS, () => this.countDebouncing());
  private readonly recordTiming = startSaveTimings();

  items = $derived(this.session ? [...this.session.focus, ...(this.showOthers ? this.session.others : [])] : []);
  status = $derived(
    this.saveError
      ? `Not saved — ${this.saveError}`
      : this.pending + this.debouncing > 0
        ? 'Saving…'
        : this.lastSaved
          ? `All changes saved · ${this.lastSaved.toLocaleTimeString()}`
          : 'Nothing to save yet',
  );

  constructor(interviewId: () => number) {
    this.interviewId = interviewId;
  }

  entry(item: KitCharacteristic): Entry {
    return this.entries[characteristicKey(item)] ?? { score: null, assessed: false, notes: '', state: 'unrated' };
  }

  /** Opens the scorecard (true once open); says why when it does not open, or that
   * nobody is scoring yet. */
  async load(): Promise<boolean> {
    try {
      this.session = await api.openScoring(this.interviewId());
    } catch (e) {
      // Nobody has said who is scoring yet: ask here, then open the scorecard.
      if (treatmentOfError(e) === 'choose_scorer') {
        this.needsScorer = true;
        return false;
      }
      // Anything else that keeps the scorecard closed is said here, with the way back.
      this.cannotOpen = errorMessage(e);
      return false;
    }
    const session = this.session;
    this.cannotOpen = null;
    this.needsScorer = false;
    this.openedAs = scorer.interviewerId;
    this.sealed = session.scorecard.status === 'submitted';
    this.sealHash = session.scorecard.seal_sha256 ?? '';
    this.overallNow = { overall: session.scorecard.overall, levelOpinion: session.scorecard.level_opinion };
    const loaded: Record<string, Entry> = {};
    for (const rating of session.scorecard.ratings) {
      // A stored "no score" with a note may be a note alone: it reads as not rated yet.
      const assessed = rating.score !== null || rating.notes === '';
      loaded[`${rating.role_key}/${rating.characteristic_key}`] = { score: rating.score, assessed, notes: rating.notes, state: 'saved' };
    }
    this.entries = loaded;
    if (session.scorecard.ratings.length > 0) this.lastSaved = new Date();
    this.elapsedBefore = Number(localStorage.getItem(this.timerKey()) ?? 0) || 0;
    this.startedAt = Date.now();
    this.elapsed = this.elapsedBefore;
    return true;
  }

  private timerKey() {
    return `rung.elapsed.${this.session?.scorecard.id ?? 0}`;
  }

  /** The clock runs while the scorecard is a draft; a sealed one shows the time it took. */
  tickClock() {
    if (this.session && !this.sealed) this.elapsed = this.elapsedBefore + Math.floor((Date.now() - this.startedAt) / 1000);
  }

  keepElapsed() {
    if (this.session && !this.sealed) localStorage.setItem(this.timerKey(), String(this.elapsed));
  }

  /** Commits one characteristic; the row and the status say "saved" only after Rust has committed it. */
  private save(item: KitCharacteristic, startedAt = performance.now()) {
    if (!this.session || this.sealed) return;
    const k = characteristicKey(item);
    const { score, assessed, notes } = this.entry(item);
    this.entries[k] = { score, assessed, notes, state: 'saving' };
    this.pending += 1;
    const scorecardId = this.session.scorecard.id;
    let sent = 0;
    this.queue
      .run(() => {
        sent = performance.now() - startedAt;
        return api.saveRating(scorecardId, { role_key: item.reference.role_key, characteristic_key: item.reference.characteristic_key, score, notes });
      })
      .then(async () => {
        const acknowledged = performance.now() - startedAt;
        const now = this.entries[k];
        if (now?.state === 'saving' && now.score === score && now.notes === notes) now.state = 'saved';
        this.lastSaved = new Date();
        this.saveError = null;
        this.pending -= 1;
        await tick();
        this.recordTiming(startedAt, sent, acknowledged);
      })
      .catch((e) => {
        this.entries[k] = { ...this.entry(item), state: 'error' };
        this.saveError = errorMessage(e);
        this.pending -= 1;
      });
  }

  /** Rates the row at `index` (`null`: not assessed) and saves it at once. */
  rate(index: number, score: number | null) {
    const item = this.items[index];
    if (!item || this.sealed) return;
    const started = performance.now();
    this.entries[characteristicKey(item)] = { ...this.entry(item), score, assessed: true, state: 'unsaved' };
    this.announcement = this.describe(index);
    this.save(item, started);
  }

  typeNote(item: KitCharacteristic, notes: string) {
    this.entries[characteristicKey(item)] = { ...this.entry(item), notes, state: 'unsaved' };
    this.notes.schedule(characteristicKey(item), () => this.save(item));
  }

  flushNote(item: KitCharacteristic) {
    this.notes.flush(characteristicKey(item));
  }

  private countDebouncing() {
    this.debouncing = this.notes.waiting + this.overall.waiting;
  }

  /** `typing`: the summary is being typed, saved after a pause; anything else at once. */
  changeOverall(overall: Overall | null, levelOpinion: string | null, summary: string, typing: boolean) {
    this.overallNow = { overall, levelOpinion };
    this.overall.schedule('summary', () => this.saveOverall(overall, levelOpinion, summary));
    if (!typing) this.overall.flush('summary');
  }

  private saveOverall(overall: Overall | null, levelOpinion: string | null, summary: string) {
    if (!this.session || this.sealed) return;
    const id = this.session.scorecard.id;
    this.pending += 1;
    this.queue
      .run(() => api.saveOverall(id, overall, levelOpinion, summary))
      .then(() => {
        this.lastSaved = new Date();
        this.pending -= 1;
      })
      .catch((e) => {
        this.saveError = errorMessage(e);
        this.pending -= 1;
      });
  }

  /** Saves everything still waiting for its typing pause (notes and the summary). */
  flushAll() {
    for (const item of this.items) this.flushNote(item);
    this.overall.flush('summary');
  }

  /** Resolves once every save made so far is committed (or has failed). */
  async saved() {
    this.flushAll();
    await this.queue.idle();
  }

  describe(index: number): string {
    const item = this.items[index];
    if (!item || !this.session) return '';
    const { score, assessed } = this.entry(item);
    const scale = this.session.scale;
    const rating = !assessed ? 'not rated yet' : score === null ? scale.not_assessed : `${score}, ${scale.levels.find((l) => l.value === score)?.label ?? ''}`;
    return `${index + 1} of ${this.items.length}: ${item.title}. ${rating}.`;
  }

  /** Moves the active row by `delta`, within the list. */
  move(delta: number) {
    this.current = Math.max(0, Math.min(this.items.length - 1, this.current + delta));
  }

  /** Opens the submit dialog, with every waiting edit saved first. */
  requestSubmit() {
    if (!this.session || this.sealed) return;
    this.flushAll();
    this.confirming = this.session.focus.filter((item) => this.entry(item).score === null);
  }

  /** Seals the scorecard once every save before it is in. */
  async submit() {
    if (!this.session) return;
    await this.queue.run(() => Promise.resolve());
    const submitted = await api.submitScorecard(this.session.scorecard.id);
    this.sealed = true;
    this.sealHash = submitted.seal_sha256 ?? '';
    this.confirming = null;
    localStorage.setItem(this.timerKey(), String(this.elapsed));
  }

  /** Starts an amendment with the reason typed, and opens the new draft (true once open). */
  async startAmendment(): Promise<boolean> {
    if (!this.session || this.amendReason === null) return false;
    await api.amendScorecard(this.session.scorecard.id, this.amendReason);
    this.amendReason = null;
    return this.load();
  }
}
