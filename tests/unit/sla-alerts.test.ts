import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../lib/domain/views';
import type { SlaAlert } from '../../lib/realtime/events';
import { admitMarks, alertKey, createAlertGate, markedCopy, rowSlaState } from '../../lib/ui/sla-alerts';

const ticket = (over: Partial<TicketView> = {}): TicketView =>
  ({
    id: 7,
    status: 'pending',
    sla_state: 'ok',
    queued_at: '2026-03-02T08:00:00.000Z',
    awaiting_reply_since: null,
    escalated_at: null,
    ...over,
  }) as TicketView;

const alert = (kind: SlaAlert['kind'], over: Partial<TicketView> = {}): SlaAlert => ({ kind, ticket: ticket(over), waited_seconds: 300 });

describe('SLA alerts are shown once', () => {
  it('admits an alert the first time and refuses the same ticket and kind again', () => {
    const gate = createAlertGate();
    expect(gate.admit(alertKey(alert('breached')))).toBe(true);
    expect(gate.admit(alertKey(alert('breached')))).toBe(false);
  });

  it('treats the warning and the breach of one wait as two alerts', () => {
    const gate = createAlertGate();
    expect(gate.admit(alertKey(alert('warning')))).toBe(true);
    expect(gate.admit(alertKey(alert('breached')))).toBe(true);
  });

  it('alerts again when a released ticket waits past the limit a second time', () => {
    const gate = createAlertGate();
    expect(gate.admit(alertKey(alert('breached')))).toBe(true);
    expect(gate.admit(alertKey(alert('breached', { queued_at: '2026-03-02T09:30:00.000Z' })))).toBe(true);
  });

  it('keys an escalation by the unanswered stretch, not by the queue stay', () => {
    const first = alert('escalated', { status: 'assigned', awaiting_reply_since: '2026-03-02T08:10:00.000Z' });
    const later = alert('escalated', { status: 'assigned', awaiting_reply_since: '2026-03-02T10:00:00.000Z' });
    const gate = createAlertGate();
    expect(gate.admit(alertKey(first))).toBe(true);
    expect(gate.admit(alertKey(first))).toBe(false);
    expect(gate.admit(alertKey(later))).toBe(true);
  });

  it('forgets the oldest keys past its limit, so a long shift does not grow memory', () => {
    const gate = createAlertGate(2);
    gate.admit('a');
    gate.admit('b');
    gate.admit('c');
    expect(gate.admit('a')).toBe(true);
    expect(gate.admit('c')).toBe(false);
  });
});

describe('queue row SLA state', () => {
  it('follows the ticket while it waits', () => {
    expect(rowSlaState(ticket({ sla_state: 'warning' }))).toBe('warning');
    expect(rowSlaState(ticket({ sla_state: 'breached' }))).toBe('breached');
  });

  it('is never late once someone holds the ticket', () => {
    expect(rowSlaState(ticket({ status: 'assigned', sla_state: 'breached' }))).toBe('ok');
  });
});

describe('a backlog crossing a mark (one sla:marks frame)', () => {
  const QUEUED = '2026-03-02T08:00:00.000Z';
  const mark = (id: number, waited: number) => ({ id, queued_at: QUEUED, waited_seconds: waited });
  const full = (id: number, waited: number): SlaAlert => ({ kind: 'warning', ticket: ticket({ id }), waited_seconds: waited });

  it('a few are shown one by one, leaving out any already shown as a lone alert', () => {
    const gate = createAlertGate();
    gate.admit(alertKey(full(1, 240)));
    const burst = { kind: 'warning' as const, marks: [mark(1, 240), mark(2, 245), mark(3, 240)], alerts: [full(1, 240), full(2, 245), full(3, 240)] };
    expect(admitMarks(gate, burst)).toEqual({ each: [full(2, 245), full(3, 240)], summary: null });
  });

  it('many are summed up in one toast: how many, and who has waited longest', () => {
    const gate = createAlertGate();
    const burst = { kind: 'warning' as const, marks: [mark(1, 240), mark(2, 290), mark(3, 250), mark(4, 240)], alerts: [full(2, 290)] };
    expect(admitMarks(gate, burst)).toEqual({ each: [], summary: { kind: 'warning', count: 4, longest: full(2, 290) } });
    // The same frame again (a reconnect replay) shows nothing.
    expect(admitMarks(gate, burst)).toEqual({ each: [], summary: null });
  });

  it('a cached ticket takes the mark only in the same stay in the queue, and never steps back from breached', () => {
    expect(markedCopy(ticket(), 'warning', mark(7, 240))).toMatchObject({ id: 7, sla_state: 'warning' });
    expect(markedCopy(ticket({ sla_state: 'warning' }), 'breached', mark(7, 300))).toMatchObject({ sla_state: 'breached' });
    expect(markedCopy(ticket({ sla_state: 'breached' }), 'warning', mark(7, 240))).toBeNull();
    expect(markedCopy(ticket({ queued_at: '2026-03-02T09:00:00.000Z' }), 'warning', mark(7, 240))).toBeNull();
    expect(markedCopy(ticket({ status: 'assigned' }), 'warning', mark(7, 240))).toBeNull();
    expect(markedCopy(undefined, 'warning', mark(7, 240))).toBeNull();
  });
});
