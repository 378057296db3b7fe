/**
 * Finds every Dovecot configuration block in the wiki's MDX (docs/ and blog/): fenced code with
 * the language `dovecot`, its `version=2.3|2.4`, optional `bad="message"`, `load="…"` and
 * `protocols="imap lmtp"` (the narrower protocol set the page states for it) meta attributes,
 * the version block (`<V23Block>` / `<V24Block>`) it sits in, if any, and the anchor of the
 * heading above it.
 */
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {metaAttr} from '../../src/lib/codeMeta';

export interface DocsBlock {
  file: string;
  line: number;
  version: string | null;
  bad: string | null;
  /** The load the block claims to hold (src/lib/loadcheck/claim.ts), if it states one. */
  load: string | null;
  /** The protocols the page states the block needs, when narrower than the version's full set. */
  protocols: string | null;
  title: string | null;
  /** The `{#id}` of the nearest heading above the block. */
  heading: string | null;
  /** The version of the enclosing <V23Block>/<V24Block>, if any. */
  shownIn: '2.3' | '2.4' | null;
  text: string;
}

export function extractBlocks(file: string, source: string): DocsBlock[] {
  const lines = source.split('\n');
  const blocks: DocsBlock[] = [];
  let shownIn: '2.3' | '2.4' | null = null;
  let heading: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const h = /^#{1,6} .*\{#([\w-]+)\}\s*$/.exec(line);
    if (h) heading = h[1];
    const open = /^\s*<V(23|24)Block>/.exec(line);
    if (open) shownIn = open[1] === '23' ? '2.3' : '2.4';
    if (/^\s*<\/V(23|24)Block>/.test(line)) shownIn = null;
    const fence = /^(\s*)(`{3,}|~{3,})(\S*)\s*(.*)$/.exec(line);
    if (!fence) continue;
    const [, indent, marks, lang, meta] = fence;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j].trim().startsWith(marks) && lines[j].trim().replace(/[`~]/g, '') === '') break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    if (lang === 'dovecot') {
      blocks.push({
        file,
        line: i + 1,
        version: metaAttr(meta, 'version'),
        bad: metaAttr(meta, 'bad'),
        load: metaAttr(meta, 'load'),
        protocols: metaAttr(meta, 'protocols'),
        title: metaAttr(meta, 'title'),
        heading,
        shownIn,
        text: body.join('\n') + '\n',
      });
    }
    i = j;
  }
  return blocks;
}

function mdxFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(mdxFiles(path));
    else if (/\.mdx?$/.test(name)) out.push(path);
  }
  return out.sort();
}

export function allDocsBlocks(dirs: readonly string[] = ['docs', 'blog']): DocsBlock[] {
  return dirs.flatMap((d) => mdxFiles(d)).flatMap((f) => extractBlocks(f, readFileSync(f, 'utf8')));
}
