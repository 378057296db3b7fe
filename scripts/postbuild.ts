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
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {contentSecurityPolicy, headersFile, inlineScripts, scriptHash} from './lib/headers';
import {filesUnder, precompress} from './lib/precompress';

const BUILD = process.argv[2] ?? 'build';

const all = filesUnder(BUILD);

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

const {raw, br} = precompress(all);
console.log(`postbuild: static KaTeX stylesheet on ${katexPages} pages; _headers with ${hashes.size} inline-script hashes; precompressed ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
