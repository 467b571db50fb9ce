// Read-only lookups over what Rust computed for a ladder (LadderView): tracks, their
// names and each role's path come from Rust; nothing here decides a relation.
import type { Ladder, LadderView, Role, Track } from './ipc-types';

export function roleByKey(ladder: Ladder, key: string | null): Role | undefined {
  return key === null ? undefined : ladder.roles.find((role) => role.key === key);
}

function roles(view: LadderView, keys: string[]): Role[] {
  return keys.map((key) => roleByKey(view.ladder, key)).filter((role): role is Role => role !== undefined);
}

/** The role and everything it builds on, most junior first (from Rust). */
export function pathTo(view: LadderView, role: Role): Role[] {
  return roles(view, view.paths[role.key] ?? [role.key]);
}

/** Roles grouped by track, as Rust groups and names them. */
export function tracksOf(view: LadderView): { key: string; track: Track; label: string; roles: Role[] }[] {
  return view.tracks.map((group) => ({
    key: group.key,
    track: group.track,
    label: group.label,
    roles: roles(view, group.role_keys),
  }));
}

export function trackLabel(view: LadderView, role: Role): string {
  return view.tracks.find((group) => group.role_keys.includes(role.key))?.label ?? role.track;
}

/** The role list's text filter: what the person typed, matched against what they see. */
export function matchesFilter(role: Role, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [role.title, `l${role.level}`, ...role.characteristics.map((c) => c.title)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}
