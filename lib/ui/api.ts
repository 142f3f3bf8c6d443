// The browser's one way to call the REST API: JSON in, JSON out, errors as ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
  code?: string;
  message?: string;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    // A FormData body (a file upload) sets its own multipart content type.
    const form = init.body instanceof FormData;
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined || form ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'network');
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    // Our routes answer {error:{code,message}}; better-auth answers {code,message}.
    const body = (json ?? {}) as ErrorBody;
    const code = body.error?.code ?? body.code ?? `http_${res.status}`;
    const message = body.error?.message ?? body.message ?? res.statusText;
    throw new ApiError(res.status, code, message, body.error?.details);
  }
  return json as T;
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);
