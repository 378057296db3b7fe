import {createHash} from 'node:crypto';
import {join} from 'node:path';
import type {Code, Paragraph, Root} from 'mdast';
import type {VFile} from 'vfile';
import {describe, expect, it} from 'vitest';
import type {LoadCheckResults, LoadRun} from '../src/lib/loadcheck/results';
import {parseLoadMarker} from '../src/lib/loadcheck/claim';
import remarkLoadRuns from './remark-load-runs';

const text = 'service imap {\n  process_limit = 3000\n}';
const sha = createHash('sha256').update(`${text}\n`).digest('hex');

function page(): Root {
  const code = (version: string): Code => ({type: 'code', lang: 'dovecot', meta: `title="x" version=${version} load="3000 tls"`, value: text});
  return {
    type: 'root',
    children: [
      {type: 'heading', depth: 2, children: [{type: 'text', value: 'Worked example {#example-3000}'}]},
      {type: 'mdxJsxFlowElement', name: 'V24Block', attributes: [], children: [code('2.4')]} as unknown as Root['children'][number],
      {type: 'code', lang: 'dovecot', meta: 'title="y" version=2.3', value: 'service imap {\n}'},
      {type: 'mdxJsxFlowElement', name: 'V23Block', attributes: [], children: [{...code('2.3'), meta: 'title="x" load="3000 tls"'}]} as unknown as Root['children'][number],
    ],
  };
}

const run = (id: string, blockSha256: string): LoadRun =>
  ({id, kind: 'example', version: '2.4', build: '2.4.1-4 (7d8c0e5759)', source: {blockSha256}, claim: parseLoadMarker('3000 tls'), ran: parseLoadMarker('3000 tls'), expect: {pass: true}, passed: true, asExpected: true, reasons: []}) as unknown as LoadRun;

const results = {runs: [run('example-services-process-limit-example-3000-2.4', sha), run('example-services-process-limit-example-3000-2.3', 'old')]} as unknown as LoadCheckResults;

function notes(tree: Root): string[] {
  const out: string[] = [];
  const walk = (n: {type: string; children?: unknown[]}) => {
    if (n.type === 'paragraph') {
      const p = n as Paragraph;
      out.push(p.children.map((c) => (c.type === 'text' ? c.value : c.type === 'link' ? `[${(c.children[0] as {value: string}).value}](${c.url})` : '')).join(''));
    }
    for (const c of (n.children ?? []) as {type: string}[]) walk(c);
  };
  walk(tree);
  return out;
}

describe('remark-load-runs', () => {
  it('puts the note of its run under each marked block, by page, heading and version', () => {
    const tree = page();
    remarkLoadRuns({results})(tree, {path: join(process.cwd(), 'docs/services/process-limit.mdx')} as VFile);
    expect(notes(tree)).toEqual([
      'Load check: held 3 000 TLS sessions in Dovecot 2.4.1. [See the run.](/measured#load-example-services-process-limit-example-3000-2-4)',
      'Load check: this block changed after its last run. [See the run.](/measured#load-example-services-process-limit-example-3000-2-3)',
    ]);
    const v24 = tree.children[1] as unknown as {children: {type: string; data?: unknown}[]};
    expect(v24.children.map((c) => c.type)).toEqual(['code', 'paragraph']);
    expect(v24.children[1].data).toEqual({hProperties: {className: ['load-check-note']}});
  });

  it('says when there is no run, with no link that could break', () => {
    const tree = page();
    remarkLoadRuns({results: null})(tree, {path: join(process.cwd(), 'docs/x.mdx')} as VFile);
    expect(notes(tree)).toEqual(['Load check: this block has not been run yet. ', 'Load check: this block has not been run yet. ']);
  });
});
