// Server components only: who is signed in, and the redirects for those who are not (or may not).
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { resolveActor } from '@/lib/auth/actor';
import type { Actor } from '@/lib/domain/context';
import type { Role } from '@/lib/domain/views';
import { getRuntime } from '@/lib/runtime';
import { safeNextPath } from './safe-next';

const PATH_HEADER = 'x-loket-path';

/** One session lookup per request, however many layouts and pages ask. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const requestHeaders = await headers();
  // A stray Authorization header must not turn a browser page into a token check.
  const cookieOnly = new Headers();
  const cookie = requestHeaders.get('cookie');
  if (cookie) cookieOnly.set('cookie', cookie);
  return resolveActor(getRuntime(), cookieOnly);
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const path = safeNextPath((await headers()).get(PATH_HEADER));
  redirect(path === '/queue' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`);
}

/** Pages for some roles only send everyone else back to the queue. */
export async function requireRole(roles: readonly Role[]): Promise<Actor> {
  const actor = await requireActor();
  if (!roles.includes(actor.role)) redirect('/queue');
  return actor;
}

export function simulatorEnabled(): boolean {
  return Boolean(getRuntime().channels.simulator);
}
