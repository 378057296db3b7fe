/**
 * Runs after `docusaurus build`:
 *  - writes `build/_headers` (security headers with a CSP that allows exactly the inline scripts
 *    the build contains, and cache rules);
 *  - precompresses every text file next to itself as .br and .gz, so the server never
 *    compresses on the fly.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {contentSecurityPolicy, headersFile, inlineScripts, scriptHash} from './lib/headers';
import {filesUnder, precompress} from './lib/precompress';

const BUILD = process.argv[2] ?? 'build';

const all = filesUnder(BUILD);

const hashes = new Set<string>();
for (const f of all.filter((f) => f.endsWith('.html'))) {
  for (const body of inlineScripts(readFileSync(f, 'utf8'))) hashes.add(scriptHash(body));
}
writeFileSync(join(BUILD, '_headers'), headersFile(contentSecurityPolicy(hashes)));

const {raw, br} = precompress(all);
console.log(`postbuild: _headers with ${hashes.size} inline-script hashes; precompressed ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
