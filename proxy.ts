import { NextResponse, type NextRequest } from 'next/server';

/** Header that tells server layouts which page was asked for, so a sign-in redirect can come back to it. */
export const PATH_HEADER = 'x-loket-path';

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|socket\\.io/|favicon\\.ico).*)'],
};
