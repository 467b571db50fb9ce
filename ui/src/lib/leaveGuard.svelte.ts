// Edits a screen has not saved yet (a panel plan), so leaving the screen asks first
// instead of losing them. A screen holds the guard while it has unsaved edits and
// lets go when they are saved or the screen goes.
export const leaveGuard = $state<{ unsaved: string | null }>({ unsaved: null });

/** What would be lost, e.g. "your changes to the panel plan"; null when nothing. */
export function holdUnsaved(what: string | null) {
  leaveGuard.unsaved = what;
}
