import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { serverBuild } from '../../scripts/build-server.mjs';

/** Packages a bundle file loads when it is imported, following its static imports of other chunks. */
function loadedAtStart(metafile: Metafile, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit(entry);
  return packages;
}

describe('the production server bundle', () => {
  it('starts without Baileys, which loads with the first WhatsApp number', async () => {
    const result = await build({ ...serverBuild, outdir: 'tmp/server-bundle-test', write: false, metafile: true, logLevel: 'silent' });
    const metafile = result.metafile!;
    const outputs = Object.keys(metafile.outputs);
    const entry = outputs.find((file) => file.endsWith('server/index.mjs'))!;

    const atStart = loadedAtStart(metafile, entry);
    expect(atStart).toContain('next');
    expect(atStart).toContain('socket.io');
    expect(atStart).not.toContain('@whiskeysockets/baileys');

    // It is still in the bundle, behind a dynamic import: linking a number loads it.
    const lazily = outputs.filter((file) => metafile.outputs[file]!.imports.some((i) => i.path === '@whiskeysockets/baileys'));
    expect(lazily.length).toBeGreaterThan(0);
    expect(outputs.some((file) => /chunks\/connection-/.test(file))).toBe(true);
  });
});
