import { type SQL, sql } from 'drizzle-orm';
import { tickets } from '../db/schema';

/**
 * The value of `first_assigned_at` in any UPDATE that gives a ticket to an agent: set on the
 * first claim or assignment, kept forever after (analytics' waiting and handle times run from it).
 */
export function firstAssignedAt(now: Date): SQL<Date> {
  return sql<Date>`coalesce(${tickets.firstAssignedAt}, ${now.toISOString()}::timestamptz)`;
}
