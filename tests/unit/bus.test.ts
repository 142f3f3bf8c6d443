import { describe, expect, it } from 'vitest';
import { createEventBus, type DomainEvent } from '../../lib/realtime/bus';

const event: DomainEvent = { type: 'presence.changed' };

describe('createEventBus', () => {
  it('delivers every event to every subscriber, in publish order', () => {
    const bus = createEventBus();
    const a: string[] = [];
    const b: string[] = [];
    bus.subscribe((e) => a.push(e.type));
    bus.subscribe((e) => b.push(e.type));
    bus.publish(event);
    bus.publish({ type: 'outbound.queued', messageId: 1, channelId: 1, chatId: 1 });
    expect(a).toEqual(['presence.changed', 'outbound.queued']);
    expect(b).toEqual(a);
  });

  it('a failing subscriber does not stop the others, and its error is reported with the event', () => {
    const failures: Array<[unknown, DomainEvent]> = [];
    const bus = createEventBus((error, e) => failures.push([error, e]));
    const seen: string[] = [];
    bus.subscribe(() => seen.push('first'));
    bus.subscribe(() => {
      throw new Error('socket hub broke');
    });
    bus.subscribe(() => seen.push('third'));
    expect(() => bus.publish(event)).not.toThrow();
    expect(seen).toEqual(['first', 'third']);
    expect(failures).toHaveLength(1);
    expect((failures[0]![0] as Error).message).toBe('socket hub broke');
    expect(failures[0]![1]).toBe(event);
  });

  it('an unsubscribed handler hears nothing more', () => {
    const bus = createEventBus();
    let calls = 0;
    const unsubscribe = bus.subscribe(() => (calls += 1));
    bus.publish(event);
    unsubscribe();
    bus.publish(event);
    expect(calls).toBe(1);
  });
});
