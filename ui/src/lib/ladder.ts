// Read-only views over a Ladder that the screens share.
import type { Ladder, Role, Track } from './ipc-types';

export const trackLabels: Record<Track, string> = {
  foundation: 'Foundation',
  individual_contributor: 'Individual contributor',
  management: 'Management',
};

export function roleByKey(ladder: Ladder, key: string | null): Role | undefined {
  return key === null ? undefined : ladder.roles.find((role) => role.key === key);
}

/** The role and everything it builds on, most junior first. */
export function pathTo(ladder: Ladder, role: Role): Role[] {
  const path: Role[] = [];
  let current: Role | undefined = role;
  while (current && path.length <= ladder.roles.length) {
    path.unshift(current);
    current = roleByKey(ladder, current.builds_on);
  }
  return path;
}

/** Roles grouped by track, tracks and roles in ladder order. */
export function tracksOf(ladder: Ladder): { track: Track; roles: Role[] }[] {
  const groups: { track: Track; roles: Role[] }[] = [];
  for (const role of ladder.roles) {
    let group = groups.find((g) => g.track === role.track);
    if (!group) {
      group = { track: role.track, roles: [] };
      groups.push(group);
    }
    group.roles.push(role);
  }
  return groups;
}

export function matchesFilter(role: Role, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [role.title, `l${role.level}`, ...role.characteristics.map((c) => c.title)];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}
