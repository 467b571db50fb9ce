// What the window does with each refusal Rust can send. `ErrorCode` is generated from
// Rust's closed list, and this switch names every code: a code added there fails
// svelte-check here until someone decides how the window treats it.
import type { ErrorCode } from './ipc-types';
import { isIpcError } from './api';

export type ErrorTreatment =
  /** Acting as this person needs their passphrase first: ask for it. */
  | 'prove_identity'
  /** Nobody is chosen under "Scoring as": ask who is scoring. */
  | 'choose_scorer'
  /** The rules keep this screen closed to whoever is acting: say why in its place. */
  | 'not_for_you'
  /** Anything else: the sentence in the error banner, the screen stays as it was. */
  | 'tell';

export function treatmentOf(code: ErrorCode): ErrorTreatment {
  switch (code) {
    case 'passphrase_needed': case 'passphrase_to_set': case 'passphrase_wrong': case 'passphrase_too_short':
      return 'prove_identity';
    case 'no_interviewer':
      return 'choose_scorer';
    case 'debrief_closed': case 'scores_hidden': case 'actor_unknown': case 'coordinator_only':
      return 'not_for_you';
    case 'db_not_sqlite': case 'db_corrupt': case 'db_newer_schema': case 'db_read_only': case 'db_disk_full':
    case 'db_migration_failed': case 'db_bad_backup': case 'db_backup_failed': case 'db_bad_destination':
    case 'db_closed': case 'db_in_use': case 'db_error': case 'folder_busy': case 'removed_meanwhile':
    case 'not_writable': case 'protected_path': case 'io_error': case 'integrity_failed': case 'change_refused':
    case 'person_unknown': case 'interview_taken': case 'scorecard_sealed': case 'scorecard_not_yours':
    case 'interview_sealed': case 'legal_hold': case 'not_found': case 'invalid_input':
    case 'signing_key_unavailable': case 'report_render_failed': case 'candidates_csv_refused':
    case 'bundle_refused': case 'bundle_ladder_missing': case 'passphrase_not_yours': case 'passphrase_hashing':
    case 'input_not_found': case 'input_not_a_file': case 'input_too_large': case 'input_unreadable':
    case 'ladder_not_found': case 'ladder_unreadable': case 'ladder_not_a_file': case 'ladder_empty':
    case 'ladder_too_large': case 'ladder_too_many_files': case 'ladder_binary': case 'ladder_not_utf8':
    case 'ladder_control_character': case 'ladder_no_roles': case 'ladder_nothing_to_transpose':
    case 'ladder_unconfirmed_reading': case 'ladder_duplicate_role': case 'ladder_builds_on_cycle':
    case 'ladder_untitled_heading': case 'ladder_empty_folder': case 'ladder_invalid_json':
    case 'ladder_invalid_data': case 'ladder_no_data': case 'ladder_inconsistent_json': case 'ladder_front_matter':
    case 'ladder_invalid_yaml': case 'ladder_invalid_spreadsheet': case 'ladder_invalid_mapping':
    case 'ladder_over_limit': case 'ladder_unsupported_workbook': case 'ladder_broken_workbook':
    case 'team_offline': case 'team': case 'internal':
      return 'tell';
    default: {
      const unknown: never = code;
      return unknown;
    }
  }
}

/** The treatment of whatever was thrown (a thrown non-IPC value is told as it is). */
export function treatmentOfError(error: unknown): ErrorTreatment {
  return isIpcError(error) ? treatmentOf(error.code) : 'tell';
}
