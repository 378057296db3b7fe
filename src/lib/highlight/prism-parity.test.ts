// Our tokenizer against Prism itself (the copy bundled in prism-react-renderer, which Docusaurus
// would otherwise ship): the same lines and token types for every Dovecot block in the wiki, the
// full doveconf outputs of both versions, and thousands of random inputs built from the syntax's
// sharp edges (quotes, comment signs, braces, variables, line endings).
import {readFileSync} from 'node:fs';
import {Prism, normalizeTokens} from 'prism-react-renderer';
import {describe, expect, it} from 'vitest';
import {allDocsBlocks} from '../../../tests/doveconf/docs-blocks';
import {dovecotGrammar} from './dovecot';
import {highlightLines} from './index';
import type {Grammar} from './tokenize';

/** Prism adds the `g` flag to greedy patterns in place; it gets its own copy of the grammar. */
function copyGrammar(g: Grammar): Grammar {
  const out: Grammar = {};
  for (const [k, v] of Object.entries(g)) {
    out[k] = v instanceof RegExp ? new RegExp(v) : {...v, pattern: new RegExp(v.pattern), inside: v.inside && copyGrammar(v.inside)};
  }
  return out;
}
const prismGrammar = copyGrammar(dovecotGrammar) as unknown as Parameters<typeof Prism.tokenize>[1];

function viaPrism(code: string) {
  return normalizeTokens(Prism.tokenize(code, prismGrammar)).map((line) =>
    line.map((t) => (t.empty ? {types: t.types, content: t.content, empty: true} : {types: t.types, content: t.content})),
  );
}

function randomConfig(seed: number): string {
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const parts = [
    'service imap-login {', '}', '{', '\n', '\r\n', '\r', '  ', '\t', '#', ' # note', '"', "'", '\\"', '=', ' = ',
    'client_limit', 'process_limit = 0', 'vsz_limit = 256 M', '$SET:default_login_user', '$default_vsz_limit',
    '%{system:cpu_count}', '%u', 'unlimited', 'yes', '!include conf.d/*.conf', '!include_try x', 'inet_listener imaps {',
    'service/imap/service_process_limit=5', 'x', '12', '1 week', '<file', '"a # b"', "'it''s'",
  ];
  let out = '';
  const n = 1 + rand(40);
  for (let i = 0; i < n; i++) out += parts[rand(parts.length)];
  return out;
}

describe('the Dovecot highlighter matches Prism', () => {
  it('on every Dovecot block in the wiki', () => {
    const blocks = allDocsBlocks();
    expect(blocks.length).toBeGreaterThan(50);
    for (const b of blocks) expect(highlightLines(b.text, 'dovecot'), `${b.file}:${b.line}`).toEqual(viaPrism(b.text));
  });

  it('on the whole doveconf output of both versions', () => {
    for (const f of ['doveconf-2.3-a.txt', 'doveconf-2.4-d.txt']) {
      const text = readFileSync(`tests/doveconf/fixtures/${f}`, 'utf8');
      expect(highlightLines(text, 'dovecot'), f).toEqual(viaPrism(text));
    }
  });

  it('on 5000 random inputs made of the syntax\'s sharp edges', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const text = randomConfig(seed);
      expect(highlightLines(text, 'dovecot'), JSON.stringify(text)).toEqual(viaPrism(text));
    }
  });

  it('renders languages without a grammar as plain lines', () => {
    expect(highlightLines('$ doveconf -n\n\nok', 'sh')).toEqual([
      [{types: ['plain'], content: '$ doveconf -n'}],
      [{types: ['plain'], content: '\n', empty: true}],
      [{types: ['plain'], content: 'ok'}],
    ]);
  });
});

describe('token colours match prism-react-renderer\'s', () => {
  it('for every token of the wiki\'s blocks, in both colour modes', async () => {
    const {createElement} = await import('react');
    const {renderToStaticMarkup} = await import('react-dom/server');
    const {Highlight} = await import('prism-react-renderer');
    const {lightCodeTheme, darkCodeTheme} = await import('../../../plugins/prism-themes');
    const {codeThemeStyles} = await import('./theme');
    const code = allDocsBlocks().map((b) => b.text).join('\n');
    const lines = highlightLines(code, 'dovecot');
    for (const theme of [lightCodeTheme, darkCodeTheme]) {
      const ours = codeThemeStyles(theme, 'dovecot');
      let checked = 0;
      renderToStaticMarkup(
        createElement(Highlight, {theme, code: '', language: 'dovecot', children: ({getLineProps, getTokenProps, style}) => {
          expect(ours.root).toEqual(style);
          expect(ours.line).toEqual(getLineProps({line: []}).style);
          for (const line of lines) {
            for (const token of line) {
              expect(ours.token(token), JSON.stringify(token)).toEqual(getTokenProps({token}).style);
              checked++;
            }
          }
          return null;
        }}),
      );
      expect(checked).toBeGreaterThan(1000);
    }
  });
});
