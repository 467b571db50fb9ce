// Who is scoring, shared by the screens that need it (the Rust side is the authority).
export const session = $state<{ interviewerId: number | null; interviewerName: string | null }>({
  interviewerId: null,
  interviewerName: null,
});

export function interviewerChanged(id: number | null, name: string | null = null) {
  session.interviewerId = id;
  session.interviewerName = name;
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
