// Unit tests for printConfig: layout, quoting exactly when needed, comments,
// includes, indentation option and robustness.

import {describe, expect, it} from 'vitest';
import {MAX_INDENT_DEPTH, MAX_SECTION_DEPTH, parseConfig, printConfig, treesEqual, type ConfigTree, type Node} from './index';

const P = {line: 0, column: 0};
const tree = (...children: Node[]): ConfigTree => ({children});
const setting = (key: string, value: string, extra: Partial<Extract<Node, {kind: 'setting'}>> = {}): Node => ({
  kind: 'setting',
  key,
  value,
  pos: P,
  ...extra,
});

/** Prints, then checks the text reads back as the same tree. */
function printed(t: ConfigTree): string {
  const text = printConfig(t);
  const back = parseConfig(text);
  expect(back.errors).toEqual([]);
  expect(treesEqual(back.tree, t)).toBe(true);
  return text;
}

describe('layout', () => {
  it('prints doveconf style: two-space indent, "key = value", "key = " when empty', () => {
    const t = tree(
      {kind: 'comment', text: ' 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf', pos: P},
      setting('auth_realms', ''),
      {
        kind: 'section',
        type: 'service',
        name: 'imap-login',
        pos: P,
        children: [
          {
            kind: 'section',
            type: 'inet_listener',
            name: 'imaps',
            pos: P,
            children: [setting('port', '993'), setting('ssl', 'yes')],
          },
        ],
      },
      {kind: 'blank', pos: P},
      {kind: 'section', type: 'passdb', pos: P, children: [setting('driver', 'pam')]},
    );
    expect(printed(t)).toBe(
      [
        '# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf',
        'auth_realms = ',
        'service imap-login {',
        '  inet_listener imaps {',
        '    port = 993',
        '    ssl = yes',
        '  }',
        '}',
        '',
        'passdb {',
        '  driver = pam',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('honours the indent option', () => {
    const t = tree({kind: 'section', type: 'a', pos: P, children: [setting('b', '1')]});
    expect(printConfig(t, {indent: '\t'})).toBe('a {\n\tb = 1\n}\n');
    expect(printConfig(t, {indent: ''})).toBe('a {\nb = 1\n}\n');
  });

  it('prints an empty tree as empty text', () => {
    expect(printConfig({children: []})).toBe('');
  });

  it('caps indentation for very deep trees', () => {
    const deep = (depth: number) => {
      let inner: Node = setting('k', 'v');
      for (let i = 0; i < depth; i++) inner = {kind: 'section', type: 's', pos: P, children: [inner]};
      return tree(inner);
    };
    const text = printConfig(deep(1000));
    const deepest = text.split('\n').find((l) => l.trim() === 'k = v');
    expect(deepest).toBe(`${'  '.repeat(MAX_INDENT_DEPTH)}k = v`);
    // as deep as the parser reads, it round-trips
    printed(deep(MAX_SECTION_DEPTH));
  });
});

describe('values and quoting', () => {
  it('keeps plain values plain, including $, %{}, {, }, =, <, ! in the middle', () => {
    const values = [
      '$protocols imap',
      '%{system:cpu_count}',
      '{"a":1}',
      'a=b',
      'x<y',
      'ALL:!kRSA',
      '}',
      '\\Drafts',
      "it's",
    ];
    const text = printed(tree(...values.map((v) => setting('k', v))));
    expect(text.split('\n').slice(0, -1)).toEqual(values.map((v) => `k = ${v}`));
  });

  it('reproduces the quote character and escapes', () => {
    const text = printed(
      tree(
        setting('a', 'x y', {quote: "'"}),
        setting('b', 'say "hi" \\o/', {quote: '"'}),
        setting('c', "it's", {quote: "'"}),
        setting('d', '', {quote: '"'}),
      ),
    );
    expect(text).toBe(`a = 'x y'\nb = "say \\"hi\\" \\\\o/"\nc = 'it\\'s'\nd = ""\n`);
  });

  it('adds quotes exactly when a plain value would read back differently', () => {
    const needs = [' lead', 'trail ', 'a # b', '"q"', "'q'", '<file', 'ends\\', ''];
    const t = tree(...needs.map((v) => setting('k', v)));
    const text = printConfig(t);
    // Every one but the empty value needs quotes; the quote then shows in the tree.
    expect(text.split('\n').slice(0, -1)).toEqual([
      'k = " lead"',
      'k = "trail "',
      'k = "a # b"',
      'k = "\\"q\\""',
      'k = "\'q\'"',
      'k = "<file"',
      'k = "ends\\\\"',
      'k = ',
    ]);
    const back = parseConfig(text).tree.children;
    expect(back.map((n) => (n.kind === 'setting' ? n.value : null))).toEqual(needs);
  });

  it('quotes an unquoted value when the comment would otherwise be swallowed', () => {
    const text = printConfig(tree(setting('k', "it's", {comment: ' note'})));
    expect(text).toBe(`k = "it's" # note\n`);
  });

  it('prints file values with <', () => {
    expect(printed(tree(setting('ssl_cert', '/etc/x.pem', {file: true}), setting('k', '', {file: true})))).toBe(
      'ssl_cert = </etc/x.pem\nk = <\n',
    );
  });

  it('quotes keys only when needed', () => {
    expect(printed(tree(setting('SORT=DISPLAY', 'yes'), setting('a b', '1'), setting('LITERAL+', 'yes')))).toBe(
      '"SORT=DISPLAY" = yes\n"a b" = 1\nLITERAL+ = yes\n',
    );
    // A key spelled like an include must not turn into one.
    expect(printed(tree(setting('!include', 'x')))).toBe('"!include" = x\n');
  });
});

describe('comments, sections, includes', () => {
  it('prints trailing comments, doveconf hidden values included', () => {
    expect(
      printed(tree(setting('ssl_key', '', {comment: ' hidden, use -P to show it'}), setting('port', '993', {comment: ' imaps'}))),
    ).toBe('ssl_key = # hidden, use -P to show it\nport = 993 # imaps\n');
  });

  it('prints comments after { and }', () => {
    const t = tree({kind: 'section', type: 'service', name: 'imap', comment: ' x', endComment: ' y', pos: P, children: []});
    expect(printed(t)).toBe('service imap { # x\n} # y\n');
  });

  it('prints quoted, group and unnamed section headers', () => {
    const t = tree(
      {kind: 'section', type: 'unix_listener', name: 'srv.imap/%{pid}', nameQuoted: true, pos: P, children: []},
      {kind: 'section', type: 'mailbox', name: 'Sent Messages', nameQuoted: true, pos: P, children: []},
      {kind: 'section', type: 'group', group: '@metric_defaults', name: 'backend', pos: P, children: []},
      {kind: 'section', type: 'passdb', pos: P, children: []},
    );
    expect(printed(t)).toBe(
      'unix_listener "srv.imap/%{pid}" {\n}\nmailbox "Sent Messages" {\n}\ngroup @metric_defaults backend {\n}\npassdb {\n}\n',
    );
  });

  it('falls back to quoting a section name that cannot be printed bare', () => {
    const t = tree({kind: 'section', type: 'mailbox', name: 'Sent Messages', pos: P, children: []});
    expect(printConfig(t)).toBe('mailbox "Sent Messages" {\n}\n');
  });

  it('prints includes', () => {
    const t = tree(
      {kind: 'include', path: 'conf.d/*.conf', optional: false, pos: P},
      {kind: 'include', path: 'local.conf', optional: true, comment: ' site', pos: P},
      {kind: 'include', path: 'my file.conf', optional: false, quote: '"', pos: P},
    );
    expect(printed(t)).toBe('!include conf.d/*.conf\n!include_try local.conf # site\n!include "my file.conf"\n');
  });

  it('splits a multi-line comment text into comment lines', () => {
    expect(printConfig(tree({kind: 'comment', text: ' a\n b', pos: P}))).toBe('# a\n# b\n');
  });
});

describe('robustness', () => {
  // Linear, not quadratic: four times the text takes about four times as long (a quadratic printer
  // would take sixteen). A ratio of medians holds on a busy machine, where a wall-clock bound does not.
  it('prints ~1 MB in time linear in its size', () => {
    const unit = 'service imap {\n  process_limit = 1024 # c\n  user = "$SET:x y"\n}\n';
    const tree = (bytes: number) => parseConfig(unit.repeat(Math.floor(bytes / unit.length))).tree;
    const small = tree(250_000);
    const big = tree(1_000_000);
    const median = (t: ConfigTree) => {
      const runs = [0, 1, 2].map(() => {
        const t0 = performance.now();
        printConfig(t);
        return performance.now() - t0;
      });
      return runs.sort((a, b) => a - b)[1];
    };
    median(small); // warm up
    const ratio = median(big) / Math.max(median(small), 1);
    expect(ratio).toBeLessThan(10);
    expect(printConfig(big).length).toBeGreaterThan(900_000);
  });

  it('never throws on malformed input', () => {
    expect(printConfig(null as unknown as ConfigTree)).toBe('');
    expect(printConfig({children: [{kind: 'bogus'} as unknown as Node]})).toBe('');
  });
});
