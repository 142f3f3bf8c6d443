import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../lib/domain/views';
import { applyPresence, loadLabel, spareCapacity, transferCandidates } from '../../lib/ui/team';

const agent = (id: number, name: string, over: Partial<AgentView> = {}): AgentView => ({
  id,
  name,
  role: 'agent',
  presence: 'online',
  presence_changed_at: null,
  open_tickets: 0,
  capacity: null,
  ...over,
});

describe('presence pushes into the team list', () => {
  const team = [agent(1, 'Ani'), agent(2, 'Bayu', { open_tickets: 3 })];

  it('changes the one person and keeps their load', () => {
    const next = applyPresence(team, { id: 2, name: 'Bayu', role: 'agent', presence: 'away' }, '2026-03-02T08:00:00.000Z');
    expect(next?.find((a) => a.id === 2)).toMatchObject({ presence: 'away', open_tickets: 3, presence_changed_at: '2026-03-02T08:00:00.000Z' });
    expect(next?.find((a) => a.id === 1)).toBe(team[0]);
  });

  it('asks for a refetch when the person is new to the list', () => {
    expect(applyPresence(team, { id: 9, name: 'Citra', role: 'agent', presence: 'online' }, '2026-03-02T08:00:00.000Z')).toBeNull();
  });

  it('leaves the list untouched when nothing changed', () => {
    expect(applyPresence(team, { id: 1, name: 'Ani', role: 'agent', presence: 'online' }, 'x')).toBe(team);
  });
});

describe('capacity and transfer choices', () => {
  it('shows load against the limit, or alone without one', () => {
    expect(loadLabel(agent(1, 'Ani', { open_tickets: 2, capacity: 5 }))).toBe('2/5');
    expect(loadLabel(agent(1, 'Ani', { open_tickets: 2 }))).toBe('2');
    expect(spareCapacity(agent(1, 'Ani', { open_tickets: 5, capacity: 5 }))).toBe(0);
    expect(spareCapacity(agent(1, 'Ani', { open_tickets: 9 }))).toBeNull();
  });

  it('offers everyone but the holder, those present and with room first', () => {
    const team = [
      agent(1, 'Ani', { presence: 'offline' }),
      agent(2, 'Bayu', { open_tickets: 4, capacity: 5 }),
      agent(3, 'Citra', { open_tickets: 1, capacity: 5 }),
      agent(4, 'Dewi', { presence: 'away' }),
      agent(5, 'Eka'),
    ];
    expect(transferCandidates(team, 5).map((a) => a.name)).toEqual(['Citra', 'Bayu', 'Dewi', 'Ani']);
  });
});
