import type { Role } from '../../lib/domain/views';

/** Who has at least one tab open, counted per user so a second tab closing keeps them online. */
export function createPresence() {
  const online = new Map<number, { role: Role; sockets: number }>();
  return {
    /** Returns true when the user just came online. */
    connect(userId: number, role: Role): boolean {
      const entry = online.get(userId);
      if (entry) {
        entry.sockets += 1;
        entry.role = role;
        return false;
      }
      online.set(userId, { role, sockets: 1 });
      return true;
    },
    /** Returns true when the user's last tab went away. */
    disconnect(userId: number): boolean {
      const entry = online.get(userId);
      if (!entry) return false;
      entry.sockets -= 1;
      if (entry.sockets > 0) return false;
      online.delete(userId);
      return true;
    },
    counts() {
      let agents = 0;
      for (const entry of online.values()) if (entry.role === 'agent') agents += 1;
      return { agents_online: agents, staff_online: online.size };
    },
    isOnline: (userId: number) => online.has(userId),
    /** Users with a tab connected to this process. */
    userIds: () => [...online.keys()],
  };
}

export type Presence = ReturnType<typeof createPresence>;
