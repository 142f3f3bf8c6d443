import type { IncomingHttpHeaders } from 'node:http';

/**
 * A request's headers as Next hands them (web Headers) or as node:http does (the routes answered
 * before Next, server/fast-routes.ts): building a Headers per request costs more than the answer.
 */
export type RequestHeaders = Headers | IncomingHttpHeaders;

const isWebHeaders = (headers: RequestHeaders): headers is Headers => typeof headers.get === 'function';

/** One header's value, as Headers.get gives it (repeated headers joined by ", "). */
export function headerOf(headers: RequestHeaders, name: string): string | null {
  if (isWebHeaders(headers)) return headers.get(name);
  const value = headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Web Headers for the libraries that want them (better-auth's session lookup). */
export function toWebHeaders(headers: RequestHeaders): Headers {
  if (isWebHeaders(headers)) return headers;
  const web = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) web.append(name, one);
  }
  return web;
}
