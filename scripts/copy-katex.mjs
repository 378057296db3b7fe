// Serves KaTeX's stylesheet and fonts from the site itself (static/katex/), so that math
// pages never reach a CDN and the fonts stay out of the critical CSS of every other page.
import {cpSync, existsSync, mkdirSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let dist;
try {
  dist = dirname(require.resolve('katex/dist/katex.min.css'));
} catch {
  process.exit(0); // katex not installed yet (partial install): nothing to copy
}
const target = join(root, 'static', 'katex');
rmSync(target, {recursive: true, force: true});
mkdirSync(join(target, 'fonts'), {recursive: true});
cpSync(join(dist, 'katex.min.css'), join(target, 'katex.min.css'));
// woff2 is supported by every browser the site targets; the css lists it first.
cpSync(join(dist, 'fonts'), join(target, 'fonts'), {
  recursive: true,
  filter: (src) => !/\.(ttf|woff)$/.test(src),
});
if (!existsSync(join(target, 'katex.min.css'))) process.exit(1);
