import fs from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import type { DetectedContent } from './files.rules.js';

const EOCD_SIG = 0x06054b50;
const CDH_SIG = 0x02014b50;
const MAX_CENTRAL_DIRECTORY = 16 * 1024 * 1024;

/**
 * Names of the entries of a ZIP file, read from its central directory (not from the local headers,
 * which a crafted archive can contradict). Undefined when the file is not a readable ZIP (or is ZIP64).
 */
export async function zipEntryNames(filePath: string, maxEntries = 10000): Promise<string[] | undefined> {
  const fh = await fs.open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 22 + 0xffff);
    if (tailLen < 22) return undefined;
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return undefined;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size || count > maxEntries) return undefined;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDH_SIG) return undefined;
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      if (p + 46 + nameLen > cd.length) return undefined;
      names.push(cd.toString('utf8', p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  } finally {
    await fh.close();
  }
}

/**
 * Sniffs a file's type from its content (magic bytes, via `file-type`). A ZIP whose root holds OFD.xml
 * is an OFD package (GB/T 33190-2016 §7: the main entry file OFD.xml sits in the package root).
 */
export async function detectFileContent(filePath: string): Promise<DetectedContent | undefined> {
  const ft = await fileTypeFromFile(filePath);
  if (!ft) return undefined;
  if (ft.ext === 'zip') {
    const names = await zipEntryNames(filePath);
    if (names?.some((n) => n.toLowerCase() === 'ofd.xml')) return { ext: 'ofd', mime: 'application/ofd' };
  }
  return { ext: ft.ext, mime: ft.mime };
}
