import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

// better-auth's own endpoints: sign-in, sign-out, session.
const handle = (req: Request) => getRuntime().auth.handler(req);

export const GET = handle;
export const POST = handle;
