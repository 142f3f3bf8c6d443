import { describe, expect, it } from 'vitest';
import { createPresence } from '../../server/socket/presence';

describe('createPresence: who is online', () => {
  it('a user with two tabs stays online when one closes, and goes offline with the last', () => {
    const presence = createPresence();
    expect(presence.connect(7, 'agent')).toBe(true);
    expect(presence.connect(7, 'agent')).toBe(false);
    expect(presence.disconnect(7)).toBe(false);
    expect(presence.isOnline(7)).toBe(true);
    expect(presence.counts()).toEqual({ agents_online: 1, staff_online: 1 });
    expect(presence.disconnect(7)).toBe(true);
    expect(presence.isOnline(7)).toBe(false);
    expect(presence.counts()).toEqual({ agents_online: 0, staff_online: 0 });
  });

  it('counts agents and all staff separately, one per person not per tab', () => {
    const presence = createPresence();
    presence.connect(1, 'agent');
    presence.connect(1, 'agent');
    presence.connect(2, 'agent');
    presence.connect(3, 'supervisor');
    presence.connect(4, 'admin');
    expect(presence.counts()).toEqual({ agents_online: 2, staff_online: 4 });
  });

  it('a role change shows in the counts on the next connection', () => {
    const presence = createPresence();
    presence.connect(5, 'agent');
    presence.connect(5, 'supervisor');
    expect(presence.counts()).toEqual({ agents_online: 0, staff_online: 1 });
  });

  it('a disconnect for someone not online changes nothing and never goes negative', () => {
    const presence = createPresence();
    expect(presence.disconnect(9)).toBe(false);
    presence.connect(9, 'agent');
    presence.disconnect(9);
    expect(presence.disconnect(9)).toBe(false);
    expect(presence.counts()).toEqual({ agents_online: 0, staff_online: 0 });
    expect(presence.connect(9, 'agent')).toBe(true);
  });
});
