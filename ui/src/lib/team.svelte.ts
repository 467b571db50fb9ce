// Where team sync stands, shared by the top bar and the Team screen. Rust is the
// authority: this holds the last status it sent (on start, and after every sync round).
import { listen } from '@tauri-apps/api/event';
import { api } from './api';
import { TEAM_STATUS_EVENT, type TeamStatus } from './ipc-types';

export const team = $state<{ status: TeamStatus | null }>({ status: null });

export function teamStatusChanged(status: TeamStatus) {
  team.status = status;
}

/** Loads the status and follows the sync loop's reports; returns how to stop following. */
export function followTeamStatus(onError: (error: unknown) => void): () => void {
  api.teamStatus().then(teamStatusChanged, onError);
  const stop = listen<TeamStatus>(TEAM_STATUS_EVENT, (event) => teamStatusChanged(event.payload));
  return () => void stop.then((unlisten) => unlisten());
}
