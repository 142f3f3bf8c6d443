import { describe, expect, it } from 'vitest';
import type { TicketEventView } from '../../lib/domain/views';
import { describeEvent } from '../../lib/ui/timeline';

const names: Record<number, string> = { 1: 'Ani', 2: 'Bayu' };
const helpers = { agentName: (id: number) => names[id] ?? null, priorityLabel: (p: string) => p.toUpperCase(), unknownAgent: '?' };

const event = (type: string, data: Record<string, unknown> = {}, actor: { id: number; name: string } | null = null): TicketEventView => ({
  id: 1,
  ticket_id: 10,
  type,
  actor_id: actor?.id ?? null,
  actor_name: actor?.name ?? null,
  data,
  created_at: '2026-03-02T08:00:00.000Z',
});

describe('timeline lines', () => {
  it('names the keyword that raised the priority', () => {
    const line = describeEvent(event('priority_changed', { from: 'medium', to: 'urgent', reason: 'keyword', keyword: 'refund' }), helpers);
    expect(line).toEqual({ kind: 'priority_changed', reason: 'keyword', key: 'keyword', values: { keyword: 'refund', from: 'MEDIUM', to: 'URGENT' } });
  });

  it('says who changed the priority by hand', () => {
    const line = describeEvent(event('priority_changed', { from: 'low', to: 'high', reason: 'manual' }, { id: 2, name: 'Bayu' }), helpers);
    expect(line.key).toBe('priorityChanged');
    expect(line.values).toEqual({ actor: 'Bayu', from: 'LOW', to: 'HIGH' });
  });

  it('explains a ticket sent back to the queue because its agent went offline', () => {
    const line = describeEvent(event('released', { from_agent_id: 1, reason: 'agent_offline' }), helpers);
    expect(line).toMatchObject({ kind: 'released', reason: 'agent_offline', key: 'releasedOffline', values: { agent: 'Ani' } });
  });

  it('tells a reassignment on offline from a transfer by hand', () => {
    const auto = describeEvent(event('transferred', { from_agent_id: 1, to_agent_id: 2, to_agent_name: 'Bayu', reason: 'agent_offline' }), helpers);
    expect(auto).toMatchObject({ key: 'reassignedOffline', values: { agent: 'Ani', to: 'Bayu' } });
    const manual = describeEvent(event('transferred', { from_agent_id: 1, to_agent_id: 2, to_agent_name: 'Bayu' }, { id: 1, name: 'Ani' }), helpers);
    expect(manual).toMatchObject({ key: 'transferred', values: { actor: 'Ani', from: 'Ani', to: 'Bayu' } });
  });

  it('gives the wait of an SLA breach and an escalation in words', () => {
    expect(describeEvent(event('sla_breached', { waited_seconds: 312 }), helpers).values).toEqual({ waited: '5m 12s' });
    expect(describeEvent(event('escalated', { to_priority: 'urgent', waited_seconds: 1800 }), helpers).values).toEqual({ to: 'URGENT', waited: '30m 00s' });
  });

  it('still shows an event it does not know, and an actor it cannot name', () => {
    expect(describeEvent(event('merged'), helpers)).toMatchObject({ key: 'other', values: { type: 'merged' } });
    expect(describeEvent(event('released', {}, null), helpers).values).toEqual({ actor: '?' });
  });
});
