import type { Database } from '../db/client';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { EventBus } from '../realtime/bus';
import type { Role } from './views';

/** What every domain function needs: the database, the time, and where to announce what happened. */
export interface DomainContext {
  db: Database;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
}

/** The signed-in person (or script) a request acts for. */
export interface Actor {
  id: number;
  name: string;
  email: string;
  role: Role;
}

export const isSupervisor = (actor: Actor) => actor.role === 'supervisor' || actor.role === 'admin';
