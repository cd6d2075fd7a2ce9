/** A gzip bomb: `mebibytes` gzip members of a mebibyte of zeros each, about 1 KiB apiece, which gunzip expands whole. */
import { gzipSync } from 'node:zlib';

export const MiB = 1024 * 1024;

export function gzipBomb(mebibytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(MiB));
  return Buffer.concat(Array.from({ length: mebibytes }, () => member));
}
