import type { Database } from './client';

/**
 * State kept for each database handle (a cache, a queue of writers), made on first use. Keyed by
 * the handle rather than module-global, so tests' databases never share it, and dropped with it.
 */
export function perDatabase<T extends object>(make: (db: Database) => T): (db: Database) => T {
  const states = new WeakMap<Database, T>();
  return (db) => {
    let state = states.get(db);
    if (!state) states.set(db, (state = make(db)));
    return state;
  };
}
