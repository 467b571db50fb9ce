// Typed wrappers over Rung's IPC commands. The types come from Rust (ipc-types.ts).
import { invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core';
import type {
  ArchivePage,
  ArchiveQuery,
  BundleImport,
  Command,
  ErasureOutcome,
  ExportedReport,
  Paper,
  RetentionOverview,
  Verification,
  CalibrationRow,
  CandidateKit,
  CandidateQuery,
  CandidateStatusPage,
  Debrief,
  Decision,
  DecisionPreview,
  NewDecision,
  PanelOverride,
  Recommendation,
  CandidateSummary,
  CharacteristicRef,
  Coverage,
  Interviewer,
  IpcError,
  LadderPreview,
  LadderView,
  ReadingMapping,
  LevelPolicy,
  NewCandidate,
  Overall,
  PanelPlan,
  Rating,
  RatingChange,
  Scorecard,
  ScoringSession,
  StartupStatus,
  StoredLadder,
  SyncReport,
  TeamStatus,
} from './ipc-types';

/** Calls a command of the one list in Rust (`Command`), never a name typed freehand. */
function invoke<T>(command: Command, args?: InvokeArgs): Promise<T> {
  return tauriInvoke<T>(command, args);
}

export function isIpcError(value: unknown): value is IpcError {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** A sentence for the person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (isIpcError(error)) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong. Try again.';
}

export const api = {
  startupStatus: () => invoke<StartupStatus>('startup_status'),
  moveDatabaseAside: () => invoke<StartupStatus>('move_database_aside'),
  listLadders: () => invoke<StoredLadder[]>('list_ladders'),
  getLadder: (id: number) => invoke<LadderView>('get_ladder', { id }),
  saveLevelPolicy: (ladderId: number, policy: LevelPolicy) => invoke<void>('save_level_policy', { ladderId, policy }),
  previewLadderFile: () => invoke<LadderPreview | null>('preview_ladder_file'),
  previewLadderFolder: () => invoke<LadderPreview | null>('preview_ladder_folder'),
  repreviewLadder: (mapping: ReadingMapping) => invoke<LadderPreview>('repreview_ladder', { mapping }),
  confirmLadderImport: (mapping: ReadingMapping) => invoke<StoredLadder>('confirm_ladder_import', { mapping }),
  cancelLadderImport: () => invoke<void>('cancel_ladder_import'),

  listInterviewers: () => invoke<[Interviewer[], number | null]>('list_interviewers'),
  createInterviewer: (name: string, coordinator: boolean, passphrase: string | null = null) =>
    invoke<Interviewer>('create_interviewer', { name, coordinator, passphrase }),
  setCurrentInterviewer: (id: number, passphrase: string | null = null) =>
    invoke<void>('set_current_interviewer', { id, passphrase }),
  setOwnPassphrase: (current: string | null, next: string) => invoke<Interviewer>('set_own_passphrase', { current, new: next }),

  createCandidate: (candidate: NewCandidate) => invoke<number>('create_candidate', { candidate }),
  updateCandidate: (id: number, candidate: NewCandidate) => invoke<void>('update_candidate', { id, candidate }),
  candidateKit: (id: number) => invoke<CandidateKit>('candidate_kit', { id }),
  planCoverage: (candidateId: number, plan: PanelPlan) => invoke<Coverage[]>('plan_coverage', { candidateId, plan }),
  savePanelPlan: (candidateId: number, plan: PanelPlan) => invoke<void>('save_panel_plan', { candidateId, plan }),
  saveQuestions: (candidateId: number, characteristic: CharacteristicRef, questions: string[]) =>
    invoke<void>('save_questions', { candidateId, characteristic, questions }),
  createDemo: () => invoke<number>('create_demo'),

  openScoring: (interviewId: number) => invoke<ScoringSession>('open_scoring', { interviewId }),
  saveRating: (scorecardId: number, change: RatingChange) => invoke<Rating>('save_rating', { scorecardId, change }),
  saveOverall: (scorecardId: number, overall: Overall | null, levelOpinion: string | null, summary: string) =>
    invoke<void>('save_overall', { scorecardId, overall, levelOpinion, summary }),
  submitScorecard: (scorecardId: number) => invoke<Scorecard>('submit_scorecard', { scorecardId }),
  amendScorecard: (scorecardId: number, reason: string) => invoke<number>('amend_scorecard', { scorecardId, reason }),

  openDebrief: (candidateId: number) => invoke<Debrief>('open_debrief', { candidateId }),
  whatIf: (candidateId: number, overrides: PanelOverride[]) => invoke<Recommendation>('what_if', { candidateId, overrides }),
  previewDecision: (candidateId: number, decision: NewDecision) =>
    invoke<DecisionPreview>('preview_decision', { candidateId, decision }),
  recordDecision: (candidateId: number, decision: NewDecision) => invoke<Decision>('record_decision', { candidateId, decision }),
  calibration: () => invoke<CalibrationRow[]>('calibration'),
  candidatePage: (query: CandidateQuery) => invoke<CandidateStatusPage>('candidate_page', { query }),

  defaultPaper: () => invoke<Paper>('default_paper'),
  exportReport: (candidateId: number, paper: Paper) =>
    invoke<ExportedReport | null>('export_report', { candidateId, paper }),
  searchArchive: (query: ArchiveQuery) => invoke<ArchivePage>('search_archive', { query }),
  reexportReport: (id: number) => invoke<string | null>('reexport_report', { id }),
  openReport: (id: number) => invoke<void>('open_report', { id }),
  verifyReportFile: () => invoke<[Verification, string] | null>('verify_report_file'),
  retention: () => invoke<RetentionOverview>('retention'),
  setRetentionMonths: (months: number) => invoke<void>('set_retention_months', { months }),
  setLegalHold: (candidateId: number, hold: boolean) => invoke<void>('set_legal_hold', { candidateId, hold }),
  eraseCandidate: (candidateId: number, keepAnonymous: boolean, purgeCopies: boolean) =>
    invoke<ErasureOutcome>('erase_candidate', { candidateId, keepAnonymous, purgeCopies }),
  exportBundle: (candidateId: number) => invoke<string | null>('export_bundle', { candidateId }),
  importBundle: (importLadder: boolean) => invoke<BundleImport | null>('import_bundle', { importLadder }),

  teamStatus: () => invoke<TeamStatus>('team_status'),
  teamConnect: (url: string, name: string, password: string | null, remember: boolean) =>
    invoke<TeamStatus>('team_connect', { url, name, password, remember }),
  teamSyncNow: () => invoke<SyncReport>('team_sync_now'),
  teamDisconnect: () => invoke<TeamStatus>('team_disconnect'),
};

export function sameCharacteristic(a: CharacteristicRef, b: CharacteristicRef): boolean {
  return a.role_key === b.role_key && a.characteristic_key === b.characteristic_key;
}
