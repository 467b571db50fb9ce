// Where the app is. Kept as data so navigation is one assignment.
export type View =
  // The window is up and the database is still opening: the shell, no screen yet.
  | { kind: 'starting' }
  | { kind: 'ladders' }
  | { kind: 'candidates' }
  | { kind: 'candidate'; id: number }
  | { kind: 'scoring'; interviewId: number; candidateId: number }
  | { kind: 'debrief'; candidateId: number }
  | { kind: 'calibration' }
  | { kind: 'archive' }
  | { kind: 'team' };
