import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadMediaMessage, encryptedStream, proto, type WAMessage } from '@whiskeysockets/baileys';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMediaStore, extensionFor, MediaPathError } from '../../lib/media/media-store';
import { downloadMedia, MediaDownloadError } from '../../server/channels/baileys/media';
import type { Timers } from '../../server/socket/coalesce';

const logger = pino({ level: 'silent' });

/** Timers that only fire when the test says so. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn) => (pending.set(++next, fn), next),
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  return { timers, fireAll: () => [...pending.values()].forEach((fn) => fn()) };
}

describe('downloadMedia with Baileys encryption over local HTTP', () => {
  const original = randomBytes(50_000);
  let encrypted: Buffer;
  let media: Awaited<ReturnType<typeof encryptedStream>>;
  let server: Server;
  let base: string;
  /** path → status codes to answer, in order; the last one repeats. 200 serves the file. */
  let script: Map<string, number[]>;
  let hits: string[];
  let arrived: ((req: IncomingMessage) => void) | null = null;

  beforeAll(async () => {
    media = await encryptedStream(original, 'image');
    encrypted = await readFile(media.encFilePath);
    await unlink(media.encFilePath);
    server = createServer((req, res) => {
      const path = req.url ?? '';
      hits.push(path);
      arrived?.(req);
      const codes = script.get(path) ?? [404];
      const code = codes.length > 1 ? codes.shift()! : codes[0]!;
      if (code === 0) return; // hang: never answer
      if (code !== 200) return void res.writeHead(code).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(encrypted);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    script = new Map();
    hits = [];
    arrived = null;
  });

  const imageMessage = (path: string, overrides: Record<string, unknown> = {}): WAMessage => ({
    key: { remoteJid: '15551234567@s.whatsapp.net', fromMe: false, id: `IMG-${path}` },
    messageTimestamp: 1_767_600_000,
    message: proto.Message.fromObject({
      imageMessage: {
        url: `${base}${path}`,
        mimetype: 'image/jpeg',
        mediaKey: media.mediaKey,
        fileSha256: media.fileSha256,
        fileEncSha256: media.fileEncSha256,
        fileLength: media.fileLength,
        ...overrides,
      },
    }),
  });
  const movedTo = (path: string) => {
    const calls: WAMessage[] = [];
    const reupload = async (m: WAMessage) => {
      calls.push(m);
      return { ...m, message: proto.Message.fromObject({ imageMessage: { ...m.message!.imageMessage, url: `${base}${path}` } }) };
    };
    return { calls, reupload };
  };
  const never = manualTimers().timers;

  it('downloads and decrypts to the original bytes', async () => {
    script.set('/ok', [200]);
    const { calls, reupload } = movedTo('/unused');
    const buffer = await downloadMedia(imageMessage('/ok'), { reupload, logger, timers: never });
    expect(buffer.equals(original)).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('410 the first time: asks the phone to re-upload once, then succeeds from the new url', async () => {
    script.set('/expired', [410]);
    script.set('/reuploaded', [200]);
    const { calls, reupload } = movedTo('/reuploaded');
    const message = imageMessage('/expired');
    const buffer = await downloadMedia(message, { reupload, logger, timers: never });
    expect(buffer.equals(original)).toBe(true);
    expect(calls).toEqual([message]);
    expect(hits).toEqual(['/expired', '/reuploaded']);
  });

  it('canary: rc14\'s own reuploadRequest hook does not fire on 410 (why downloadMedia does it itself)', async () => {
    script.set('/expired', [410]);
    let called = false;
    const ctx = { logger, reuploadRequest: async (m: WAMessage) => ((called = true), m) };
    const error = await downloadMediaMessage(imageMessage('/expired'), 'buffer', {}, ctx).catch((e: unknown) => e);
    expect((error as { output?: { statusCode?: number } }).output?.statusCode).toBe(410);
    expect((error as { status?: unknown }).status).toBeUndefined();
    expect(called).toBe(false); // if this fails, Baileys fixed it: drop our workaround or keep passing no ctx
  });

  it('404 also triggers the re-upload', async () => {
    script.set('/missing', [404]);
    script.set('/again', [200]);
    const { calls, reupload } = movedTo('/again');
    expect((await downloadMedia(imageMessage('/missing'), { reupload, logger, timers: never })).equals(original)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('a second 410 after the re-upload fails with a clear, permanent error', async () => {
    script.set('/gone', [410]);
    script.set('/still-gone', [410]);
    const { calls, reupload } = movedTo('/still-gone');
    const error = await downloadMedia(imageMessage('/gone'), { reupload, logger, timers: never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaDownloadError);
    expect((error as MediaDownloadError).message).toBe('media still unavailable after re-upload (HTTP 410)');
    expect((error as MediaDownloadError).permanent).toBe(true);
    expect(calls).toHaveLength(1);
    expect(hits).toEqual(['/gone', '/still-gone']);
  });

  it('a failing re-upload (phone offline) is reported as such', async () => {
    script.set('/gone', [410]);
    const reupload = async () => {
      throw new Error('Timed Out');
    };
    await expect(downloadMedia(imageMessage('/gone'), { reupload, logger, timers: never })).rejects.toThrow(
      'media expired (HTTP 410) and the phone could not re-upload it: Timed Out',
    );
  });

  it('other HTTP errors do not re-upload and say what happened', async () => {
    script.set('/broken', [503]);
    const { calls, reupload } = movedTo('/unused');
    const error = (await downloadMedia(imageMessage('/broken'), { reupload, logger, timers: never }).catch((e: unknown) => e)) as MediaDownloadError;
    expect(error.message).toBe('media server answered HTTP 503');
    expect(error.permanent).toBe(false);
    expect(calls).toHaveLength(0);
  });

  it('a wrong key or a wrong hash is caught instead of storing garbage', async () => {
    script.set('/ok', [200]);
    const { reupload } = movedTo('/unused');
    await expect(
      downloadMedia(imageMessage('/ok', { fileSha256: Buffer.alloc(32) }), { reupload, logger, timers: never }),
    ).rejects.toThrow(/does not match its sha256/);
    await expect(
      downloadMedia(imageMessage('/ok', { mediaKey: randomBytes(32) }), { reupload, logger, timers: never }),
    ).rejects.toThrow(MediaDownloadError);
  });

  it('a message without media is a clear error', async () => {
    const { reupload } = movedTo('/unused');
    const text: WAMessage = { key: { id: 'T1' }, message: proto.Message.fromObject({ conversation: 'hi' }) };
    await expect(downloadMedia(text, { reupload, logger, timers: never })).rejects.toThrow(/no downloadable media/);
  });

  it('times out a server that never answers (timer fired by the test, no sleeping)', async () => {
    script.set('/hang', [0]);
    const { timers, fireAll } = manualTimers();
    const requested = new Promise<void>((resolve) => (arrived = () => resolve()));
    const { reupload } = movedTo('/unused');
    const pending = downloadMedia(imageMessage('/hang'), { reupload, logger, timers, timeoutMs: 5_000 });
    await requested;
    fireAll();
    await expect(pending).rejects.toThrow('media download timed out after 5000 ms');
    server.closeAllConnections();
  });
});

describe('media store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loket-media-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('saves content-addressed under a folder it creates, atomically, and dedupes by sha256', async () => {
    const store = createMediaStore(join(dir, 'data', 'media'));
    const bytes = randomBytes(4096);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const saved = await store.save(bytes, { mimetype: 'image/jpeg', fileName: null });
    expect(saved).toEqual({ path: `${sha256.slice(0, 2)}/${sha256}.jpg`, size: 4096, sha256 });
    expect((await readFile(store.resolve(saved.path))).equals(bytes)).toBe(true);
    expect(await store.exists(saved.path)).toBe(true);

    const again = await store.save(Buffer.from(bytes), { mimetype: 'image/jpeg; charset=binary' });
    expect(again).toEqual(saved);
    expect(await readdir(join(store.root, sha256.slice(0, 2)))).toEqual([`${sha256}.jpg`]); // no temp files left
    expect(await store.exists('00/nothing.jpg')).toBe(false);
  });

  it('refuses paths that leave the folder', async () => {
    const store = createMediaStore(join(dir, 'media'));
    for (const bad of ['../secret', '/etc/passwd', 'ab/../../x', '..', '', 'a\0b', join(dir, 'media', 'x')]) {
      expect(() => store.resolve(bad), bad).toThrow(MediaPathError);
    }
    await expect(store.exists('../../etc/passwd')).rejects.toThrow(MediaPathError);
    expect(store.resolve('ab/../cd/x.jpg')).toBe(join(store.root, 'cd', 'x.jpg'));
  });

  it('picks safe extensions', () => {
    expect(extensionFor('audio/ogg; codecs=opus')).toBe('ogg');
    expect(extensionFor('application/octet-stream', 'Invoice.PDF')).toBe('pdf');
    expect(extensionFor('text/html', 'page.html')).toBe('bin');
    expect(extensionFor('image/svg+xml', 'logo.svg')).toBe('bin');
    expect(extensionFor(null, '../../evil.sh')).toBe('bin');
    expect(extensionFor(null, 'no-extension')).toBe('bin');
    expect(extensionFor('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe('docx');
  });
});
