import fs from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc (SIL OFL 1.1): embedded in generated
 * PDFs so Chinese renders on any machine, with no font installed by apt (DESIGN.md §3).
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export type CjkWeight = keyof typeof FONT_FILES;

const cache = new Map<CjkWeight, Promise<Buffer>>();

/** Path of the TTF file of a weight (resolved through node_modules). */
export function cjkFontPath(weight: CjkWeight): string {
  return require.resolve(FONT_FILES[weight]);
}

/** The TTF bytes of a weight, read once per process (each file is about 10 MB). */
export function loadCjkFont(weight: CjkWeight): Promise<Buffer> {
  let p = cache.get(weight);
  if (!p) {
    p = fs.readFile(cjkFontPath(weight));
    // A failed read is not cached, so a later call can succeed.
    void p.catch(() => cache.delete(weight));
    cache.set(weight, p);
  }
  return p;
}
