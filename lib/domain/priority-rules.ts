import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { isUniqueViolation } from '../db/errors';
import { priorityRules } from '../db/schema';
import type { Actor, DomainContext } from './context';
import { conflict, notFound } from './errors';
import { type KeywordRule, normalizeForMatching } from './keyword-match';
import { PRIORITIES, type TicketPriority } from './views';

export interface PriorityRuleView {
  id: number;
  phrase: string;
  priority: TicketPriority;
  created_at: string;
}

export const newRuleSchema = z.object({
  phrase: z
    .string()
    .transform(normalizeForMatching)
    .pipe(z.string().min(2, 'a keyword or phrase of at least 2 letters').max(80)),
  priority: z.enum(PRIORITIES),
});

export const ruleChangeSchema = newRuleSchema
  .partial()
  .refine((change) => change.phrase !== undefined || change.priority !== undefined, 'change the phrase or the priority');

const present = (row: typeof priorityRules.$inferSelect): PriorityRuleView => ({
  id: row.id,
  phrase: row.phrase,
  priority: row.priority,
  created_at: row.createdAt.toISOString(),
});

export async function listPriorityRules(db: Database): Promise<PriorityRuleView[]> {
  return (await db.select().from(priorityRules).orderBy(asc(priorityRules.phrase))).map(present);
}

const CACHE_MS = 5_000;
const cache = new WeakMap<Database, { rules: KeywordRule[]; expires: number }>();

/** The rules as of a few seconds ago, for ingest (every customer message is matched). */
export async function getCachedRules(db: Database): Promise<KeywordRule[]> {
  const hit = cache.get(db);
  if (hit && hit.expires > Date.now()) return hit.rules;
  const rules = (await db.select().from(priorityRules)).map((r) => ({ id: r.id, phrase: r.phrase, priority: r.priority }));
  cache.set(db, { rules, expires: Date.now() + CACHE_MS });
  return rules;
}

export async function createPriorityRule(ctx: DomainContext, actor: Actor, input: z.input<typeof newRuleSchema>) {
  const data = newRuleSchema.parse(input);
  try {
    const [row] = await ctx.db
      .insert(priorityRules)
      .values({ phrase: data.phrase, priority: data.priority, createdBy: actor.id, createdAt: ctx.clock.now() })
      .returning();
    if (!row) throw new Error('rule insert returned nothing');
    cache.delete(ctx.db);
    ctx.logger.info({ phrase: row.phrase, priority: row.priority, by: actor.id }, 'priority rule added');
    return present(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('rule_exists', `There is already a rule for "${data.phrase}".`);
    throw error;
  }
}

/** Changes a rule's phrase and/or priority (the admin's edit in place). */
export async function updatePriorityRule(ctx: DomainContext, actor: Actor, ruleId: number, input: z.input<typeof ruleChangeSchema>) {
  const data = ruleChangeSchema.parse(input);
  try {
    const [row] = await ctx.db.update(priorityRules).set(data).where(eq(priorityRules.id, ruleId)).returning();
    if (!row) throw notFound('Rule');
    cache.delete(ctx.db);
    ctx.logger.info({ phrase: row.phrase, priority: row.priority, by: actor.id }, 'priority rule changed');
    return present(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('rule_exists', `There is already a rule for "${data.phrase}".`);
    throw error;
  }
}

export async function deletePriorityRule(ctx: DomainContext, actor: Actor, ruleId: number) {
  const [row] = await ctx.db.delete(priorityRules).where(eq(priorityRules.id, ruleId)).returning();
  if (!row) throw notFound('Rule');
  cache.delete(ctx.db);
  ctx.logger.info({ phrase: row.phrase, by: actor.id }, 'priority rule removed');
}
