/**
 * Precompression as the production server expects it: every text file of a site folder gets a
 * brotli (quality 11) and a gzip (level 9) copy next to itself, so the server never compresses
 * on the fly. Used by the build (scripts/postbuild.ts) and by the bench for the peer site it
 * serves next to ours.
 */
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

const COMPRESSIBLE = /\.(html|js|css|json|svg|xml|txt|map)$/;

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Writes `.br` and `.gz` next to each text file of `files`; returns the raw and brotli bytes. */
export function precompress(files: readonly string[]): {raw: number; br: number} {
  let raw = 0;
  let br = 0;
  for (const f of files.filter((f) => COMPRESSIBLE.test(f))) {
    const data = readFileSync(f);
    if (data.length < 256) continue;
    const b = brotliCompressSync(data, {params: {[constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length}});
    writeFileSync(`${f}.br`, b);
    writeFileSync(`${f}.gz`, gzipSync(data, {level: 9}));
    raw += data.length;
    br += b.length;
  }
  return {raw, br};
}
