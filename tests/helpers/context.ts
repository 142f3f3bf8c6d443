import pino from 'pino';
import { type Clock, manualClock } from '../../lib/clock';
import type { Database } from '../../lib/db/client';
import type { Actor, DomainContext } from '../../lib/domain/context';
import { users } from '../../lib/db/schema';
import { createUser } from '../../lib/domain/users';
import type { Role } from '../../lib/domain/views';
import { createEventBus, type DomainEvent } from '../../lib/realtime/bus';

export interface TestContext {
  ctx: DomainContext;
  clock: ReturnType<typeof manualClock>;
  /** Everything the domain published, in order. */
  events: DomainEvent[];
}

export function createTestContext(db: Database, clock: Clock & ReturnType<typeof manualClock> = manualClock()): TestContext {
  const events: DomainEvent[] = [];
  const bus = createEventBus((error) => {
    throw error;
  });
  bus.subscribe((event) => events.push(event));
  return { ctx: { db, clock, bus, logger: pino({ level: 'silent' }) }, clock, events };
}

let counter = 0;

/** A real user row (with a password credential) to act as. */
export async function createActor(db: Database, role: Role = 'agent', name?: string): Promise<Actor> {
  counter += 1;
  const label = name ?? `${role} ${counter}`;
  const user = await createUser(db, {
    email: `${role}${counter}.${process.pid}@test.loket`,
    password: 'password-123',
    name: label,
    role,
  });
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/**
 * Many user rows at once, without a password credential (hashing costs ~100 ms each): for
 * tests where people only act through the domain (claims, replies), never sign in.
 */
export async function insertActors(db: Database, role: Role, names: string[]): Promise<Actor[]> {
  const rows = await db
    .insert(users)
    .values(
      names.map((name) => {
        counter += 1;
        return { name, role, email: `${role}${counter}.${process.pid}@test.loket`, emailVerified: true };
      }),
    )
    .returning();
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role }));
}
