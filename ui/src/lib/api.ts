// Typed wrappers over Rung's IPC commands. The types come from Rust (ipc-types.ts).
import { invoke } from '@tauri-apps/api/core';
import type { IpcError, Ladder, StartupStatus, StoredLadder } from './ipc-types';

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
  getLadder: (id: number) => invoke<Ladder>('get_ladder', { id }),
  importLadderFile: () => invoke<StoredLadder | null>('import_ladder_file'),
  importLadderFolder: () => invoke<StoredLadder | null>('import_ladder_folder'),
};
