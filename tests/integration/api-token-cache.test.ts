import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken, verifyApiToken } from '../../lib/auth/api-tokens';
import { TOKEN_CACHE_MS } from '../../lib/auth/token-cache';
import { manualClock } from '../../lib/clock';
import { apiTokens, users } from '../../lib/db/schema';
import type { Actor } from '../../lib/domain/context';
import { updateUser } from '../../lib/domain/users';
import { createTestContext, insertActors, type TestContext } from '../helpers/context';
import { countingDb, type DbCounts } from '../helpers/counting-db';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../helpers/database';

describe.each(databaseTargets())('API tokens are believed for a few seconds, and forgotten at once when changed here, on %s', (kind) => {
  let database: TestDatabase;
  /** This process: its database handle (counting the queries) and its clock. */
  let here: TestContext & { counts: DbCounts };
  let n = 0;

  /** A fresh agent with a fresh token, issued by this process. */
  const issue = async (): Promise<{ actor: Actor; token: string; tokenId: number }> => {
    const [actor] = await insertActors(database.db, 'agent', [`Script ${(n += 1)}`]);
    const { token, view } = await createApiToken(here.ctx.db, { userId: actor!.id, name: 'cli', now: here.clock.now() });
    return { actor: actor!, token, tokenId: view.id };
  };
  const verify = (token: string) => verifyApiToken(here.ctx.db, token, here.clock.now());

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const counted = countingDb(database.db);
    here = { ...createTestContext(counted.db, manualClock()), counts: counted.counts };
  });
  afterAll(() => database?.destroy());

  it('within 5 s a token is not looked up again; a revoke made by another process shows once that has passed', async () => {
    const { actor, token, tokenId } = await issue();
    const before = here.counts.select;
    expect(await verify(token)).toEqual(actor);
    here.clock.advance(TOKEN_CACHE_MS - 1);
    expect(await verify(token)).toEqual(actor);
    expect(here.counts.select - before).toBe(1);

    // Another process (its own handle) revokes it: this one may believe the token until its entry is 5 s old.
    await database.db.update(apiTokens).set({ revokedAt: here.clock.now() }).where(eq(apiTokens.id, tokenId));
    expect(await verify(token)).toEqual(actor);
    here.clock.advance(1);
    expect(await verify(token)).toBeNull();
    expect(here.counts.select - before).toBe(2);
  });

  it('revoked in this process: refused at once', async () => {
    const { actor, token, tokenId } = await issue();
    expect(await verify(token)).toEqual(actor);
    expect(await revokeApiToken(here.ctx.db, { userId: actor.id, tokenId, now: here.clock.now() })).toBe(true);
    expect(await verify(token)).toBeNull();
  });

  it('a user disabled, demoted or renamed in this process: their token says so at once', async () => {
    const { actor, token } = await issue();
    expect(await verify(token)).toEqual(actor);
    await updateUser(here.ctx, actor.id, { disabled: true });
    expect(await verify(token)).toBeNull();
    await updateUser(here.ctx, actor.id, { disabled: false });
    expect(await verify(token)).toEqual(actor);
    await updateUser(here.ctx, actor.id, { role: 'supervisor', name: 'Script Lead' });
    expect(await verify(token)).toEqual({ ...actor, role: 'supervisor', name: 'Script Lead' });
  });

  it('refusals are not remembered: a user enabled again by another process gets in at once', async () => {
    const { actor, token } = await issue();
    await database.db.update(users).set({ banned: true }).where(eq(users.id, actor.id));
    expect(await verify(token)).toBeNull();
    await database.db.update(users).set({ banned: false }).where(eq(users.id, actor.id));
    expect(await verify(token)).toEqual(actor);
  });

  it('a look-up racing a revoke does not put the token back in the cache', async () => {
    const { actor, token, tokenId } = await issue();
    const [raced] = await Promise.all([verify(token), revokeApiToken(here.ctx.db, { userId: actor.id, tokenId, now: here.clock.now() })]);
    // Whichever the database saw first, once the revoke has answered the token is refused.
    expect([null, actor]).toContainEqual(raced);
    expect(await verify(token)).toBeNull();
  });

  it('what the caller gets is a copy: changing it changes nothing for the next request', async () => {
    const { actor, token } = await issue();
    const first = await verify(token);
    first!.role = 'admin';
    expect(await verify(token)).toEqual(actor);
  });
});
