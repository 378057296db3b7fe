/**
 * Keeps `published-urls.txt`, the list of every URL and heading anchor the site has published.
 * Answers on mailing lists link to these, so the list only grows: `npm run urls:update` adds the
 * pages and heading anchors of the current build, and an e2e test checks that every line still
 * resolves (a moved page needs a redirect, a renamed heading its old id).
 */
import {readFileSync, writeFileSync, existsSync} from 'node:fs';
import {join} from 'node:path';

export const PUBLISHED_FILE = 'published-urls.txt';

/** Lines of the file without comments and blanks: `/path` or `/path#anchor`. */
export function readPublished(file = PUBLISHED_FILE): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

function htmlFile(path: string): string {
  return path === '/' ? join('build', 'index.html') : join('build', `${path.replace(/^\//, '')}.html`);
}

/** Pages of the sitemap and the ids of their h2-h4 headings, from the built HTML. */
export function currentUrls(): string[] {
  const sitemap = readFileSync(join('build', 'sitemap.xml'), 'utf8');
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  const urls: string[] = [];
  for (const path of paths) {
    urls.push(path);
    const file = htmlFile(path);
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    // Headings with a permalink anchor (Docusaurus gives them the `anchor` class); widget
    // headings with generated ids are not published. The minifier drops attribute quotes.
    for (const m of html.matchAll(/<h[2-4]\b([^>]*)>/g)) {
      const attrs = m[1];
      const id = /\bid=(?:"([^"]+)"|([^\s>]+))/.exec(attrs);
      if (id && /\bclass=(?:"[^"]*\banchor\b[^"]*"|anchor\b)/.test(attrs)) urls.push(`${path}#${id[1] ?? id[2]}`);
    }
  }
  return urls;
}

function main(): void {
  const known = new Set(readPublished());
  const added = currentUrls().filter((u) => !known.has(u));
  const all = [...known, ...added].sort();
  const header =
    '# Every URL and heading anchor this site has published. Lines are never removed: a moved page\n' +
    '# gets a redirect, a renamed heading keeps its old id. Add new ones with `npm run urls:update`.\n';
  writeFileSync(PUBLISHED_FILE, header + all.join('\n') + '\n');
  console.log(`${PUBLISHED_FILE}: ${all.length} URLs (${added.length} added)`);
}

if (process.argv[1]?.endsWith('published-urls.ts')) main();
