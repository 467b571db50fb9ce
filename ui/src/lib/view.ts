// Where the app is. Kept as data so navigation is one assignment.
export type View =
  | { kind: 'ladders' }
  | { kind: 'candidates' }
  | { kind: 'candidate'; id: number }
  | { kind: 'scoring'; interviewId: number; candidateId: number }
  | { kind: 'debrief'; candidateId: number }
  | { kind: 'calibration' }
  | { kind: 'archive' };
