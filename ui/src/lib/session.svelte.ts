// Who is scoring, shared by the screens that need it (the Rust side is the authority).
export const session = $state<{ interviewerId: number | null }>({ interviewerId: null });

export function interviewerChanged(id: number | null) {
  session.interviewerId = id;
}
