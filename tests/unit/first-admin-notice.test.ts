import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { announceFirstAdmin, FIRST_ADMIN_FILE } from '../../lib/first-admin-notice';

const signIn = { email: 'admin@loket.local', password: 'made-up-Secret-123' };
const now = new Date('2026-11-25T06:00:00Z');

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (text: string) => written.push(text), written };
}

describe('telling the operator a made-up first-admin password', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-notice-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('with a data folder and no one at a terminal: only the file (owner-only) holds it', async () => {
    const dir = dataDir();
    const screen = terminal(false);
    const given = await announceFirstAdmin(signIn, { dataDir: dir, terminal: screen, now });
    expect(given).toEqual({ file: join(dir, FIRST_ADMIN_FILE), shownOnTerminal: false });
    expect(statSync(given.file!).mode & 0o777).toBe(0o600);
    expect(readFileSync(given.file!, 'utf8')).toContain(`password: ${signIn.password}`);
    expect(screen.written).toEqual([]);
  });

  it('a person at the terminal sees it there too', async () => {
    const screen = terminal(true);
    const given = await announceFirstAdmin(signIn, { dataDir: dataDir(), terminal: screen, now });
    expect(given.shownOnTerminal).toBe(true);
    expect(screen.written.join('')).toContain(`sign in as ${signIn.email} with password ${signIn.password}`);
  });

  it('replaces a file an earlier install left behind', async () => {
    const dir = dataDir();
    await announceFirstAdmin({ ...signIn, password: 'the-old-one-000' }, { dataDir: dir, terminal: terminal(false), now });
    const given = await announceFirstAdmin(signIn, { dataDir: dir, terminal: terminal(false), now });
    const text = readFileSync(given.file!, 'utf8');
    expect(text).toContain(signIn.password);
    expect(text).not.toContain('the-old-one-000');
  });

  it('with nothing on disk, the terminal is the only way in: it is shown there even unwatched', async () => {
    const screen = terminal(false);
    const given = await announceFirstAdmin(signIn, { dataDir: null, terminal: screen, now });
    expect(given).toEqual({ file: null, shownOnTerminal: true });
    expect(screen.written.join('')).toContain(signIn.password);
  });
});
