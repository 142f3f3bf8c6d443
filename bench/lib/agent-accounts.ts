import { randomBytes } from 'node:crypto';

export interface AgentAccount {
  id: number;
  email: string;
  token: string;
  /** The signed-in session, as a Cookie header (for a browser). */
  cookie: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/**
 * Many agents, each with its own API token, through the running server's API (the admin CLI
 * spawns a process per call: 100 agents would take minutes): the admin creates the user, the
 * agent signs in with its password and issues itself a token, as a person would.
 */
export async function createAgentAccounts(baseUrl: string, adminToken: string, count: number, label = 'bench'): Promise<AgentAccount[]> {
  const password = randomBytes(12).toString('base64url');
  const run = randomBytes(3).toString('hex');
  const one = async (i: number): Promise<AgentAccount> => {
    const email = `${label}-${run}-${i}@loket.test`;
    const { user } = await json<{ user: { id: number } }>(
      await fetch(`${baseUrl}/api/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password, name: `Agent ${i}`, role: 'agent' }),
      }),
      `POST /api/users (${email})`,
    );
    const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email, password }),
    });
    await json(signIn, `sign-in (${email})`);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { secret } = await json<{ secret: string }>(
      await fetch(`${baseUrl}/api/tokens`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench' }),
      }),
      `POST /api/tokens (${email})`,
    );
    return { id: user.id, email, token: secret, cookie };
  };
  const accounts: AgentAccount[] = [];
  // A few at a time: password hashing is deliberately slow and the server has two cores.
  for (let i = 0; i < count; i += 4) {
    accounts.push(...(await Promise.all(Array.from({ length: Math.min(4, count - i) }, (_, k) => one(i + k)))));
  }
  return accounts;
}
