/**
 * Under every wiki code block with a `load="…"` marker, a one-line note of its load-check run
 * (data/loadcheck/results.json, written by `npm run loadcheck`): whether it held, in which
 * Dovecot build, how much of the load ran, and a link to the run on /measured. Build time only;
 * the note is plain Markdown, so it reads without JavaScript and sits inside the block's own
 * version block.
 *
 * The run id comes from the page, the heading above the block and the block's version, exactly
 * as scripts/loadcheck/targets.ts names the run (src/lib/loadcheck/results.ts exampleRunId).
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {relative} from 'node:path';
import type {Code, Heading, Paragraph, Parent, Root, RootContent} from 'mdast';
import type {VFile} from 'vfile';
import {metaAttr} from '../src/lib/codeMeta';
import {exampleRunId, type LoadCheckResults} from '../src/lib/loadcheck/results';
import {exampleNote} from '../src/lib/loadcheck/view';

export const LOAD_RESULTS = 'data/loadcheck/results.json';

function readResults(): LoadCheckResults | null {
  if (!existsSync(LOAD_RESULTS)) return null;
  return JSON.parse(readFileSync(LOAD_RESULTS, 'utf8')) as LoadCheckResults;
}

/** A heading's permanent id: set by Docusaurus's heading step, or still written `{#id}`. */
function headingId(h: Heading): string | null {
  const data = h.data as {id?: string; hProperties?: {id?: string}} | undefined;
  const id = data?.hProperties?.id ?? data?.id;
  if (id) return id;
  const last = h.children[h.children.length - 1];
  const m = last && last.type === 'text' ? /\{#([\w-]+)\}\s*$/.exec(last.value) : null;
  return m ? m[1] : null;
}

function note(text: string, link: string | null): Paragraph {
  const children: Paragraph['children'] = [{type: 'text', value: `${text} `}];
  if (link) children.push({type: 'link', url: link, children: [{type: 'text', value: 'See the run.'}]});
  return {type: 'paragraph', data: {hProperties: {className: ['load-check-note']}}, children};
}

export default function remarkLoadRuns(options?: {results?: LoadCheckResults | null}) {
  const results = options?.results !== undefined ? options.results : readResults();
  return (tree: Root, file: VFile): void => {
    const page = relative(process.cwd(), file.path);
    let heading: string | null = null;
    const ordinals = new Map<string, number>();
    // Document order, with the version block each code block sits in.
    const walk = (parent: Parent, version: string | null): void => {
      for (let i = 0; i < parent.children.length; i++) {
        const node = parent.children[i] as RootContent;
        if (node.type === 'heading') heading = headingId(node) ?? heading;
        if (node.type === 'code' && node.lang === 'dovecot' && node.meta && metaAttr(node.meta, 'load') !== null) {
          const code = node as Code;
          const v = metaAttr(code.meta!, 'version') ?? version ?? '';
          const key = `${heading}|${v}`;
          const ordinal = (ordinals.get(key) ?? 0) + 1;
          ordinals.set(key, ordinal);
          const id = exampleRunId(page, heading, v, ordinal);
          const sha = createHash('sha256').update(`${code.value}\n`).digest('hex');
          const n = exampleNote(results, id, sha);
          parent.children.splice(i + 1, 0, note(n.text, n.link) as RootContent);
          i++;
          continue;
        }
        if ('children' in node) {
          const name = (node as {name?: string}).name;
          walk(node as Parent, name === 'V23Block' ? '2.3' : name === 'V24Block' ? '2.4' : version);
        }
      }
    };
    walk(tree, null);
  };
}
