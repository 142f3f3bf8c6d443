import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const FIRST_ADMIN_FILE = 'first-admin.txt';

export interface FirstAdminSignIn {
  email: string;
  password: string;
}

export interface NoticeTargets {
  /** The install's data folder; null when it keeps nothing on disk (`memory://`). */
  dataDir: string | null;
  /** Where a person may be watching: the process's stdout. */
  terminal: { isTTY?: boolean; write(text: string): unknown };
  now: Date;
}

export interface NoticeGiven {
  /** The file that holds the sign-in (readable by the server's user only), if one was written. */
  file: string | null;
  shownOnTerminal: boolean;
}

/**
 * A made-up first-admin password reaches the operator, never the log (logs get shipped and kept):
 * in a file only the server's user can read, and on the terminal when a person watches it. With
 * neither a data folder nor a terminal, the terminal is the only way in, so it goes there anyway.
 */
export async function announceFirstAdmin(signIn: FirstAdminSignIn, targets: NoticeTargets): Promise<NoticeGiven> {
  let file: string | null = null;
  if (targets.dataDir) {
    await mkdir(targets.dataDir, { recursive: true });
    file = join(targets.dataDir, FIRST_ADMIN_FILE);
    // A file left by an earlier install names an admin that no longer exists.
    await rm(file, { force: true });
    const text = [
      `Loket's first admin, created ${targets.now.toISOString()}`,
      `email:    ${signIn.email}`,
      `password: ${signIn.password}`,
      '',
      'Sign in, change the password under Users, then delete this file.',
      '',
    ].join('\n');
    await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  }
  const shownOnTerminal = Boolean(targets.terminal.isTTY) || file === null;
  if (shownOnTerminal) {
    targets.terminal.write(
      `\nfirst admin created — sign in as ${signIn.email} with password ${signIn.password}\n` +
        '(shown only this once; change it under Users)\n\n',
    );
  }
  return { file, shownOnTerminal };
}
