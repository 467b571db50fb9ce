// The scoring screen's keys: 1–4 (the ladder's scale) rate the active row and 0 marks it
// not assessed, j/k or the arrows move, Enter edits its note (Escape leaves it), ? shows
// the shortcuts, Ctrl+Enter submits. On a button, a link or a disclosure, Enter and Space
// do what that control does; the scoring keys apply everywhere else on the screen.

import type { ScoringState } from './scoringSession.svelte';

/** What the keys do that moves the focus (the screen's own). */
export interface ScreenMoves {
  closeDialog(): void;
  leaveNote(): void;
  move(delta: number): void;
  editNote(): void;
}

export function handleScoringKey(event: KeyboardEvent, s: ScoringState, screen: ScreenMoves) {
  if (s.confirming !== null) {
    if (event.key === 'Escape') screen.closeDialog();
    return;
  }
  s.readOnlyHint = null;
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
    event.preventDefault();
    s.requestSubmit();
    return;
  }
  const target = event.target as HTMLElement;
  const inField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
  if (inField) {
    if (event.key === 'Escape' && target.closest('[data-testid=score-row]')) {
      event.preventDefault();
      screen.leaveNote();
    }
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const onControl = target.closest('button, a, summary, [role=button]') !== null && target.closest('[role=radiogroup]') === null;
  if (onControl && (event.key === 'Enter' || event.key === ' ')) return;
  if (s.sealed && (/^[0-9]$/.test(event.key) || event.key === 'Enter')) {
    event.preventDefault();
    s.readOnlyHint = 'This scorecard is sealed: ratings and notes can only change through an amendment.';
    return;
  }
  if (s.session?.scale.levels.some((level) => String(level.value) === event.key)) {
    event.preventDefault();
    s.rate(s.current, Number(event.key));
  } else if (event.key === '0') {
    event.preventDefault();
    s.rate(s.current, null);
  } else if (event.key === 'ArrowDown' || event.key === 'j') {
    event.preventDefault();
    screen.move(1);
  } else if (event.key === 'ArrowUp' || event.key === 'k') {
    event.preventDefault();
    screen.move(-1);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    screen.editNote();
  } else if (event.key === '?') {
    s.showHelp = !s.showHelp;
  } else if (event.key === 'Escape') {
    s.showHelp = false;
  }
}
