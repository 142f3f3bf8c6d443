/** What every API error looks like (DESIGN.md): `{"error":{"code","message"}}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export const BASE_URL = 'http://localhost:3999';

type RouteHandler<P> = (req: Request, context: { params: Promise<P> }) => Promise<Response>;

export interface CallOptions<P> {
  method?: string;
  /** An API token, sent as `Authorization: Bearer …`. */
  token?: string;
  cookie?: string;
  /** Sent as JSON; use `raw` for a body that is not. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  params?: P;
}

export interface CallResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls an exported route handler (GET, POST, …) the way Next would, and reads its JSON answer. */
export async function call<T = unknown, P = Record<string, never>>(
  handler: RouteHandler<P>,
  path: string,
  options: CallOptions<P> = {},
): Promise<CallResult<T>> {
  const url = new URL(path, BASE_URL);
  const headers = new Headers({ host: url.host, ...options.headers });
  if (options.token !== undefined) headers.set('authorization', `Bearer ${options.token}`);
  if (options.cookie) headers.set('cookie', options.cookie);
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set('content-type', 'application/json');
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const req = new Request(url, { method, headers, body });
  const res = await handler(req, { params: Promise.resolve(options.params ?? ({} as P)) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: the test sees the raw text and its JSON expectations fail.
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** `{ id }` route params, as Next passes them (always strings). */
export const id = (value: number | string) => ({ id: String(value) });
