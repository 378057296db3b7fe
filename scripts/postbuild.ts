/**
 * Runs after `docusaurus build`:
 *  - gives every page with formulas a static KaTeX stylesheet link, besides the one the page's
 *    <Head> manages: react-helmet removes and re-adds its own tags while hydrating, and for that
 *    moment the formulas would lose their styles and jump (layout shift);
 *  - writes `build/_headers` (security headers with a CSP that allows exactly the inline scripts
 *    the build contains, and cache rules);
 *  - precompresses every text file next to itself as .br and .gz, so the server never
 *    compresses on the fly.
 */
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';
import {contentSecurityPolicy, headersFile, inlineScripts, scriptHash} from './lib/headers';

const BUILD = process.argv[2] ?? 'build';
const COMPRESSIBLE = /\.(html|js|css|json|svg|xml|txt|map)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const all = files(BUILD);

const HELMET_KATEX = /<link data-rh=(?:"true"|true) rel=(?:"stylesheet"|stylesheet) href=(?:"\/katex\/katex\.min\.css"|\/katex\/katex\.min\.css) ?\/?>/;
let katexPages = 0;
for (const f of all.filter((f) => f.endsWith('.html'))) {
  const html = readFileSync(f, 'utf8');
  const m = HELMET_KATEX.exec(html);
  if (!m || html.includes('<link rel=stylesheet href=/katex/katex.min.css>')) continue;
  writeFileSync(f, html.replace(m[0], `<link rel=stylesheet href=/katex/katex.min.css>${m[0]}`));
  katexPages++;
}

const hashes = new Set<string>();
for (const f of all.filter((f) => f.endsWith('.html'))) {
  for (const body of inlineScripts(readFileSync(f, 'utf8'))) hashes.add(scriptHash(body));
}
writeFileSync(join(BUILD, '_headers'), headersFile(contentSecurityPolicy(hashes)));

let raw = 0;
let br = 0;
for (const f of all.filter((f) => COMPRESSIBLE.test(f))) {
  const data = readFileSync(f);
  if (data.length < 256) continue;
  const b = brotliCompressSync(data, {params: {[constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length}});
  writeFileSync(`${f}.br`, b);
  writeFileSync(`${f}.gz`, gzipSync(data, {level: 9}));
  raw += data.length;
  br += b.length;
}
console.log(`postbuild: static KaTeX stylesheet on ${katexPages} pages; _headers with ${hashes.size} inline-script hashes; precompressed ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
