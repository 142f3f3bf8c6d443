import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirInUseError } from '../../lib/db/pglite-lock';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of a process that has already exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (!pid || isAlive(pid)) throw new Error('could not find a dead pid');
  return pid;
}

describe('acquireDataDirLock: one Loket process per embedded database', () => {
  it('writes our pid, and releasing removes the lock so the folder can be opened again', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, 'loket.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'loket.lock'))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it('a second lock on the same folder in this process fails, naming the pid', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir)).toThrow(`already in use by another Loket process (pid ${process.pid})`);
    } finally {
      release();
    }
  });

  it('a lock held by another live process fails with a message naming that pid and what to do', () => {
    const dir = freshDir();
    const other = process.ppid;
    expect(isAlive(other)).toBe(true);
    writeFileSync(join(dir, 'loket.lock'), String(other));
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${other}\\).*LOKET_DATA_DIR`));
    // The other process's lock is left alone.
    expect(readFileSync(join(dir, 'loket.lock'), 'utf8')).toBe(String(other));
  });

  it('a stale lock left by a dead process is taken over', () => {
    const dir = freshDir();
    const dead = deadPid();
    writeFileSync(join(dir, 'loket.lock'), String(dead));
    const release = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, 'loket.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('an unreadable (garbage or empty) lock file is taken over', () => {
    for (const content of ['not a pid', '']) {
      const dir = freshDir();
      writeFileSync(join(dir, 'loket.lock'), content);
      const release = acquireDataDirLock(dir);
      expect(readFileSync(join(dir, 'loket.lock'), 'utf8')).toBe(String(process.pid));
      release();
    }
  });

  it('releasing twice does not remove a lock taken by someone else in between', () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    release();
    const second = acquireDataDirLock(dir);
    release();
    expect(readFileSync(join(dir, 'loket.lock'), 'utf8')).toBe(String(process.pid));
    second();
  });
});
