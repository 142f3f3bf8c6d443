/**
 * Awaits statements sent together in one round trip. If any failed, throws the first failure
 * in the order they were sent: the ones behind it failed only because it aborted the
 * transaction, and Promise.all would report whichever rejection happened to settle first.
 */
export async function allInOrder<T extends readonly unknown[]>(statements: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(statements);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
