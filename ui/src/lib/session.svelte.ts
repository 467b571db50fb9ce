// Who is acting (scoring, or coordinating), shared by the screens that need it. The Rust
// side is the authority: it decides what this person may see or do; this is for display.
import { api } from './api';
import type { Interviewer } from './ipc-types';

export const session = $state<{
  interviewerId: number | null;
  interviewerName: string | null;
  coordinator: boolean;
  hasPassphrase: boolean;
  /** A switch of who is acting is under way: the screens of whoever acted before are
   * hidden until the next person has proved who they are (or the switch is abandoned). */
  switching: boolean;
  /** Counts the switches: the screens are opened afresh for each new person. */
  switches: number;
}>({
  interviewerId: null,
  interviewerName: null,
  coordinator: false,
  hasPassphrase: false,
  switching: false,
  switches: 0,
});

export function interviewerChanged(person: Interviewer | null) {
  session.interviewerId = person?.id ?? null;
  session.interviewerName = person?.name ?? null;
  session.coordinator = person?.coordinator ?? false;
  session.hasPassphrase = person?.has_passphrase ?? false;
}

/** Reads who is acting from Rust again (after the demo made its coordinator the actor). */
export async function refreshActor(): Promise<Interviewer[]> {
  const [all, current] = await api.listInterviewers();
  interviewerChanged(all.find((i) => i.id === current) ?? null);
  return all;
}

// A screen with unsaved typing (the scoring screen) registers how to save it; switching
// who is scoring waits for it, so nothing typed is saved under the next person's name.
let beforeSwitch: (() => Promise<void>) | null = null;

export function onBeforeScorerSwitch(save: (() => Promise<void>) | null) {
  beforeSwitch = save;
}

export async function saveBeforeScorerSwitch() {
  await beforeSwitch?.();
}
