// Media files on disk, content-addressed: the same bytes are stored once, a path can never
// leave the folder, and a reader never sees half a file.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';

export interface SavedMedia {
  /** Relative to the media folder, e.g. `3f/3fa9…e1.jpg`; what the database keeps. */
  path: string;
  size: number;
  sha256: string;
}

export interface MediaStore {
  readonly root: string;
  save(buffer: Buffer, meta: { mimetype?: string | null; fileName?: string | null }): Promise<SavedMedia>;
  /** Absolute path of a stored file; throws for anything outside the folder. */
  resolve(path: string): string;
  exists(path: string): Promise<boolean>;
}

export class MediaPathError extends Error {
  constructor(path: string) {
    super(`refused media path ${JSON.stringify(path)}: it must stay inside the media folder`);
    this.name = 'MediaPathError';
  }
}

/** Where media lives: `${LOKET_DATA_DIR}/media`. */
export function mediaDir(dataDir: string): string {
  return join(dataDir, 'media');
}

export function createMediaStore(dir: string): MediaStore {
  const root = resolve(dir);

  function resolvePath(path: string): string {
    if (typeof path !== 'string' || path === '' || path.includes('\0') || isAbsolute(path)) throw new MediaPathError(path);
    const absolute = resolve(root, path);
    if (!absolute.startsWith(root + sep)) throw new MediaPathError(path);
    return absolute;
  }

  return {
    root,
    resolve: resolvePath,

    async exists(path) {
      try {
        return (await stat(resolvePath(path))).isFile();
      } catch (error) {
        if (error instanceof MediaPathError) throw error;
        return false;
      }
    },

    async save(buffer, meta) {
      const sha256 = createHash('sha256').update(buffer).digest('hex');
      const path = `${sha256.slice(0, 2)}/${sha256}.${extensionFor(meta.mimetype, meta.fileName)}`;
      const target = resolvePath(path);
      const existing = await stat(target).catch(() => null);
      if (existing?.isFile() && existing.size === buffer.length) return { path, size: buffer.length, sha256 };
      await mkdir(dirname(target), { recursive: true });
      // Same folder as the target, so rename is atomic; a crash leaves only a *.tmp file.
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(temp, buffer, { flag: 'wx' });
        await rename(temp, target);
      } catch (error) {
        await unlink(temp).catch(() => {});
        throw error;
      }
      return { path, size: buffer.length, sha256 };
    },
  };
}

const BY_MIMETYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'video/quicktime': 'mov',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'text/plain': 'txt',
  'text/csv': 'csv',
};

// Kept under a neutral name so nothing that guesses types by extension runs or renders them.
const RISKY = new Set(['html', 'htm', 'xhtml', 'shtml', 'svg', 'svgz', 'xml', 'js', 'mjs', 'php', 'exe', 'bat', 'cmd', 'sh', 'ps1']);

/** A short, lower-case, alphanumeric extension; `bin` when nothing trustworthy is known. */
export function extensionFor(mimetype?: string | null, fileName?: string | null): string {
  const type = (mimetype ?? '').split(';')[0]!.trim().toLowerCase();
  const candidates = [
    BY_MIMETYPE[type],
    fileName?.includes('.') ? fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase() : undefined,
    type.includes('/') ? type.slice(type.indexOf('/') + 1) : undefined,
  ];
  const ext = candidates.find((c): c is string => !!c && /^[a-z0-9]{1,10}$/.test(c));
  return ext && !RISKY.has(ext) ? ext : 'bin';
}
