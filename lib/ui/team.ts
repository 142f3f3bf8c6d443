// Pure helpers for the team as the desk shows it: presence pushes into the cached list, the
// order people are listed in, and how much room each has.
import type { AgentView, Presence } from '@/lib/domain/views';
import type { PresenceUpdate } from '@/lib/realtime/events';

const PRESENCE_RANK: Record<Presence, number> = { online: 0, away: 1, offline: 2 };

/**
 * A presence push applied to the cached team. Returns null when the person is not in the list
 * (someone new): the caller refetches instead of guessing their load.
 */
export function applyPresence(list: AgentView[], update: PresenceUpdate, at: string): AgentView[] | null {
  const index = list.findIndex((a) => a.id === update.id);
  if (index === -1) return null;
  const current = list[index]!;
  if (current.presence === update.presence && current.name === update.name && current.role === update.role) return list;
  const next = list.slice();
  next[index] = { ...current, name: update.name, role: update.role, presence: update.presence, presence_changed_at: at };
  return next;
}

/** Tickets an agent can still take; null when they have no limit. */
export function spareCapacity(agent: Pick<AgentView, 'capacity' | 'open_tickets'>): number | null {
  return agent.capacity === null ? null : Math.max(0, agent.capacity - agent.open_tickets);
}

/** "2/5" with a limit, "2" without. */
export const loadLabel = (agent: Pick<AgentView, 'capacity' | 'open_tickets'>) =>
  agent.capacity === null ? String(agent.open_tickets) : `${agent.open_tickets}/${agent.capacity}`;

/** Who is there first, then who has the most room, then by name. */
export function compareTeam(a: AgentView, b: AgentView): number {
  const room = (x: AgentView) => spareCapacity(x) ?? Number.POSITIVE_INFINITY;
  return PRESENCE_RANK[a.presence] - PRESENCE_RANK[b.presence] || room(b) - room(a) || a.name.localeCompare(b.name) || a.id - b.id;
}

/** Candidates for a transfer: everyone but the ticket's current holder, best choices first. */
export function transferCandidates(team: AgentView[], currentAssigneeId: number | null): AgentView[] {
  return team.filter((a) => a.id !== currentAssigneeId).sort(compareTeam);
}
