// Unit tests for parseConfig: every construct with a hand-written expected
// tree, every error with its line and column, size limit and linear time.

import {describe, expect, it} from 'vitest';
import {
  MAX_CONFIG_BYTES,
  MAX_REPORTED_ERRORS,
  MAX_SECTION_DEPTH,
  parseConfig,
  stripPositions,
  type ConfigTree,
  type Node,
} from './index';
import {formatBytes, utf8ByteLength} from './parse';

const pos = (line: number, column: number) => ({line, column});

/** Parses and asserts there were no errors. */
function ok(text: string): ConfigTree {
  const r = parseConfig(text);
  expect(r.errors).toEqual([]);
  return r.tree;
}

/** The nodes without positions, for shape-only assertions. */
function shape(text: string): Node[] {
  return stripPositions(ok(text)).children;
}

const P0 = pos(0, 0);

describe('settings', () => {
  it('parses key = value with positions', () => {
    expect(ok('protocols = imap pop3\n  mail_location=mbox:~/mail\n')).toEqual({
      children: [
        {kind: 'setting', key: 'protocols', value: 'imap pop3', pos: pos(1, 1)},
        {kind: 'setting', key: 'mail_location', value: 'mbox:~/mail', pos: pos(2, 3)},
      ],
    });
  });

  it('accepts empty values, with and without a blank after =', () => {
    expect(shape('auth_realms =\nauth_default_realm = \nx=')).toEqual([
      {kind: 'setting', key: 'auth_realms', value: '', pos: P0},
      {kind: 'setting', key: 'auth_default_realm', value: '', pos: P0},
      {kind: 'setting', key: 'x', value: '', pos: P0},
    ]);
  });

  it('keeps keys with / - . (2.4 flat forms)', () => {
    expect(
      shape(
        'service_process_limit = 10\nservice/imap/service_process_limit = 5\npassdb/pam/driver = pam\nfoo.bar-baz = 1',
      ).map((n) => (n.kind === 'setting' ? [n.key, n.value] : n.kind)),
    ).toEqual([
      ['service_process_limit', '10'],
      ['service/imap/service_process_limit', '5'],
      ['passdb/pam/driver', 'pam'],
      ['foo.bar-baz', '1'],
    ]);
  });

  it('keeps variables and placeholders verbatim', () => {
    const values = shape(
      [
        'protocols = $protocols imap',
        'user = $SET:default_login_user',
        'process_min_avail = %{system:cpu_count}',
        'mail_location = maildir:~/Maildir:INBOX=/var/mail/%u',
        'ssl_cipher_list = ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT',
        'notify_status_value = {"messages":%{messages},"unseen":%{unseen}}',
        'special_use = \\Drafts',
        'rejection_reason = Your message to <%{to}> was rejected:%{literal(\'\\r\\n\')}%{reason}',
      ].join('\n'),
    ).map((n) => (n.kind === 'setting' ? n.value : ''));
    expect(values).toEqual([
      '$protocols imap',
      '$SET:default_login_user',
      '%{system:cpu_count}',
      'maildir:~/Maildir:INBOX=/var/mail/%u',
      'ALL:!kRSA:!SRP:!kDHd:!DSS:!aNULL:!eNULL:!EXPORT',
      '{"messages":%{messages},"unseen":%{unseen}}',
      '\\Drafts',
      "Your message to <%{to}> was rejected:%{literal('\\r\\n')}%{reason}",
    ]);
  });

  it('marks <file values and keeps the path', () => {
    expect(shape('ssl_cert = </etc/dovecot/private/dovecot.pem\nssl_key = <  /k.pem\nx = <')).toEqual([
      {kind: 'setting', key: 'ssl_cert', value: '/etc/dovecot/private/dovecot.pem', file: true, pos: P0},
      {kind: 'setting', key: 'ssl_key', value: '/k.pem', file: true, pos: P0},
      {kind: 'setting', key: 'x', value: '', file: true, pos: P0},
    ]);
  });

  it('unescapes quoted values and remembers the quote', () => {
    expect(
      shape(
        [
          'log_timestamp = "%b %d %H:%M:%S "',
          "a = 'a b'",
          'special_use = "\\\\Drafts"',
          'b = "say \\"hi\\""',
          "c = 'it\\'s'",
          'd = ""',
          'e = "<not a file>"',
          'protocols = " imap lmtp"',
        ].join('\n'),
      ),
    ).toEqual([
      {kind: 'setting', key: 'log_timestamp', value: '%b %d %H:%M:%S ', quote: '"', pos: P0},
      {kind: 'setting', key: 'a', value: 'a b', quote: "'", pos: P0},
      {kind: 'setting', key: 'special_use', value: '\\Drafts', quote: '"', pos: P0},
      {kind: 'setting', key: 'b', value: 'say "hi"', quote: '"', pos: P0},
      {kind: 'setting', key: 'c', value: "it's", quote: "'", pos: P0},
      {kind: 'setting', key: 'd', value: '', quote: '"', pos: P0},
      {kind: 'setting', key: 'e', value: '<not a file>', quote: '"', pos: P0},
      {kind: 'setting', key: 'protocols', value: ' imap lmtp', quote: '"', pos: P0},
    ]);
  });

  it('follows Dovecot for values that only start with a quote', () => {
    // Starts and ends with the same quote: Dovecot unescapes the inside.
    expect(shape('a = "x" "y"')).toEqual([{kind: 'setting', key: 'a', value: 'x" "y', quote: '"', pos: P0}]);
    // Does not end with it: verbatim.
    expect(shape('a = "x" y')).toEqual([{kind: 'setting', key: 'a', value: '"x" y', pos: P0}]);
  });

  it('reads quoted keys as 2.4 doveconf prints them', () => {
    expect(shape('"SORT=DISPLAY" = yes\n"I18NLEVEL=1"=yes')).toEqual([
      {kind: 'setting', key: 'SORT=DISPLAY', value: 'yes', pos: P0},
      {kind: 'setting', key: 'I18NLEVEL=1', value: 'yes', pos: P0},
    ]);
  });
});

describe('comments and blank lines', () => {
  it('keeps whole-line and trailing comments verbatim', () => {
    expect(ok('# top\n  #indented\nport = 993 # imaps\nx = 1#tight\n')).toEqual({
      children: [
        {kind: 'comment', text: ' top', pos: pos(1, 1)},
        {kind: 'comment', text: 'indented', pos: pos(2, 3)},
        {kind: 'setting', key: 'port', value: '993', comment: ' imaps', pos: pos(3, 1)},
        {kind: 'setting', key: 'x', value: '1', comment: 'tight', pos: pos(4, 1)},
      ],
    });
  });

  it('does not see comments inside quotes', () => {
    expect(shape('a = "x # y" # real\nb = \'#\'')).toEqual([
      {kind: 'setting', key: 'a', value: 'x # y', quote: '"', comment: ' real', pos: P0},
      {kind: 'setting', key: 'b', value: '#', quote: "'", pos: P0},
    ]);
  });

  it('lets an unclosed quote hide a later # (as Dovecot does)', () => {
    expect(shape("login_greeting = Dovecot's ready # not a comment")).toEqual([
      {kind: 'setting', key: 'login_greeting', value: "Dovecot's ready # not a comment", pos: P0},
    ]);
  });

  it('reads doveconf hidden values as empty value + comment', () => {
    expect(shape('ssl_key = # hidden, use -P to show it')).toEqual([
      {kind: 'setting', key: 'ssl_key', value: '', comment: ' hidden, use -P to show it', pos: P0},
    ]);
  });

  it('keeps one blank node per empty or whitespace-only line', () => {
    expect(ok('a = 1\n\n   \t\nb = 2\n')).toEqual({
      children: [
        {kind: 'setting', key: 'a', value: '1', pos: pos(1, 1)},
        {kind: 'blank', pos: pos(2, 1)},
        {kind: 'blank', pos: pos(3, 1)},
        {kind: 'setting', key: 'b', value: '2', pos: pos(4, 1)},
      ],
    });
  });

  it('treats doveconf header lines as comments', () => {
    const nodes = shape(
      '# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\n# Pigeonhole version 0.5.19 (4eae2f79)\n# OS: Linux 6.1.0 x86_64 Debian 12.11 \n# Hostname: x\n',
    );
    expect(nodes.map((n) => n.kind)).toEqual(['comment', 'comment', 'comment', 'comment']);
    expect(nodes[2]).toEqual({kind: 'comment', text: ' OS: Linux 6.1.0 x86_64 Debian 12.11 ', pos: P0});
  });
});

describe('sections', () => {
  it('parses nested sections with positions and end positions', () => {
    const text = [
      'service imap-login {',
      '  inet_listener imaps {',
      '    port = 993',
      '    ssl = yes',
      '  }',
      '}',
    ].join('\n');
    expect(ok(text)).toEqual({
      children: [
        {
          kind: 'section',
          type: 'service',
          name: 'imap-login',
          pos: pos(1, 1),
          end: pos(6, 1),
          children: [
            {
              kind: 'section',
              type: 'inet_listener',
              name: 'imaps',
              pos: pos(2, 3),
              end: pos(5, 3),
              children: [
                {kind: 'setting', key: 'port', value: '993', pos: pos(3, 5)},
                {kind: 'setting', key: 'ssl', value: 'yes', pos: pos(4, 5)},
              ],
            },
          ],
        },
      ],
    });
  });

  it('parses unnamed, path-named, quoted and filter sections', () => {
    const heads = shape(
      [
        'passdb {',
        '}',
        'unix_listener /var/spool/postfix/private/auth {',
        '}',
        'service "foo" {',
        '}',
        'unix_listener "srv.imap/%{pid}" {',
        '}',
        'mailbox "Sent Messages" {',
        '}',
        'protocol imap {',
        '}',
        'local 10.0.0.0/8 {',
        '}',
        'remote 1.2.3.4 {',
        '}',
        'passdb pam {',
        '}',
        'namespace inbox{',
        '}',
      ]
        .join('\n')
        .replace('inbox{', 'inbox {'),
    ).map((n) => (n.kind === 'section' ? [n.type, n.name, n.nameQuoted ?? false] : n.kind));
    expect(heads).toEqual([
      ['passdb', undefined, false],
      ['unix_listener', '/var/spool/postfix/private/auth', false],
      ['service', 'foo', true],
      ['unix_listener', 'srv.imap/%{pid}', true],
      ['mailbox', 'Sent Messages', true],
      ['protocol', 'imap', false],
      ['local', '10.0.0.0/8', false],
      ['remote', '1.2.3.4', false],
      ['passdb', 'pam', false],
      ['namespace', 'inbox', false],
    ]);
  });

  it('parses 2.4 group headers', () => {
    expect(shape('group @metric_defaults backend {\n}')).toEqual([
      {kind: 'section', type: 'group', group: '@metric_defaults', name: 'backend', children: [], pos: P0},
    ]);
    // A single word after "group" is an ordinary section name.
    expect(shape('group foo {\n}')).toEqual([
      {kind: 'section', type: 'group', name: 'foo', children: [], pos: P0},
    ]);
  });

  it('keeps comments after { and after }', () => {
    expect(shape('service imap { # the imap service\n}  # end')).toEqual([
      {
        kind: 'section',
        type: 'service',
        name: 'imap',
        comment: ' the imap service',
        endComment: ' end',
        children: [],
        pos: P0,
      },
    ]);
  });

  it('keeps repeated sections as separate nodes in order', () => {
    const nodes = shape('service imap {\n a = 1\n}\nservice imap {\n a = 2\n}\n');
    expect(nodes).toHaveLength(2);
    expect(nodes.map((n) => (n.kind === 'section' ? n.children[0] : null))).toEqual([
      {kind: 'setting', key: 'a', value: '1', pos: P0},
      {kind: 'setting', key: 'a', value: '2', pos: P0},
    ]);
  });

  it(`reads sections nested ${MAX_SECTION_DEPTH} deep, and skips a deeper one up to its '}' with a line-numbered error`, () => {
    const text = 'a {\n'.repeat(MAX_SECTION_DEPTH) + 'b x {\n  c {\n    k = v\n  }\n}\n' + 'k = deepest\n' + '}\n'.repeat(MAX_SECTION_DEPTH) + 'after = 1\n';
    const r = parseConfig(text);
    const line = MAX_SECTION_DEPTH + 1;
    expect(r.errors).toEqual([
      {
        line,
        column: 1,
        message: `Section 'b x' is nested more than ${MAX_SECTION_DEPTH} levels deep; it is skipped with everything in it up to its '}' (real configs nest a few levels)`,
      },
    ]);
    let node: Node | undefined = r.tree.children[0];
    let d = 0;
    while (node && node.kind === 'section') {
      d++;
      node = node.children[0];
    }
    expect(d).toBe(MAX_SECTION_DEPTH);
    expect(node).toMatchObject({kind: 'setting', key: 'k', value: 'deepest', pos: {line: line + 5}});
    expect(r.tree.children[1]).toMatchObject({kind: 'setting', key: 'after'});
  });

  it('100 000 nested sections: the deep end is skipped, linear time, every unclosed section named', () => {
    const t0 = performance.now();
    const r = parseConfig('a {\n'.repeat(100_000));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.errors).toHaveLength(MAX_SECTION_DEPTH + 2);
    expect(r.errors[MAX_SECTION_DEPTH]).toMatchObject({line: MAX_SECTION_DEPTH + 1, message: expect.stringMatching(/^Section 'a' is nested more than/)});
    expect(r.errors.at(-1)).toEqual({line: MAX_SECTION_DEPTH + 1, column: 1, message: `Missing '}' for 'a' opened on line ${MAX_SECTION_DEPTH + 1}`});
  });
});

describe('includes', () => {
  it('keeps !include and !include_try unresolved', () => {
    expect(
      ok(
        '!include conf.d/*.conf\n!include_try /usr/share/dovecot/protocols.d/*.protocol\n!include "my file.conf" # quoted\n',
      ),
    ).toEqual({
      children: [
        {kind: 'include', path: 'conf.d/*.conf', optional: false, pos: pos(1, 1)},
        {kind: 'include', path: '/usr/share/dovecot/protocols.d/*.protocol', optional: true, pos: pos(2, 1)},
        {kind: 'include', path: 'my file.conf', optional: false, quote: '"', comment: ' quoted', pos: pos(3, 1)},
      ],
    });
  });

  it('allows includes inside sections', () => {
    expect(shape('passdb {\n  !include auth-system.conf.ext\n}')).toEqual([
      {
        kind: 'section',
        type: 'passdb',
        children: [{kind: 'include', path: 'auth-system.conf.ext', optional: false, pos: P0}],
        pos: P0,
      },
    ]);
  });
});

describe('line continuation, CRLF, BOM', () => {
  it('joins lines ending in a backslash with one space (Dovecot semantics)', () => {
    expect(ok('imap_logout_format = in=%i \\\n   out=%o \\\n   deleted=%{deleted}\nx = 1')).toEqual({
      children: [
        {kind: 'setting', key: 'imap_logout_format', value: 'in=%i out=%o deleted=%{deleted}', pos: pos(1, 1)},
        {kind: 'setting', key: 'x', value: '1', pos: pos(4, 1)},
      ],
    });
  });

  it('checks for the backslash after removing the comment', () => {
    expect(shape('a = b \\ # dropped, like Dovecot\n  c # kept')).toEqual([
      {kind: 'setting', key: 'a', value: 'b c', comment: ' kept', pos: P0},
    ]);
  });

  it('accepts CRLF line endings and a UTF-8 BOM', () => {
    expect(ok('\uFEFFa = 1\r\nservice imap {\r\n  b = "x"\r\n}\r\n')).toEqual({
      children: [
        {kind: 'setting', key: 'a', value: '1', pos: pos(1, 1)},
        {
          kind: 'section',
          type: 'service',
          name: 'imap',
          pos: pos(2, 1),
          end: pos(4, 1),
          children: [{kind: 'setting', key: 'b', value: 'x', quote: '"', pos: pos(3, 3)}],
        },
      ],
    });
  });

  it('returns an empty tree for empty input', () => {
    expect(parseConfig('')).toEqual({tree: {children: []}, errors: []});
  });
});

describe('errors (line and column, recovery)', () => {
  const errs = (text: string) => parseConfig(text).errors;

  it("reports a missing '}' once, at the opening line", () => {
    const r = parseConfig('a = 1\nservice imap {\n  process_limit = 1024\n');
    expect(r.errors).toEqual([
      {line: 2, column: 1, message: "Missing '}' for 'service imap' opened on line 2"},
    ]);
    // The section and its content are still in the tree.
    expect(stripPositions(r.tree).children[1]).toMatchObject({
      kind: 'section',
      children: [{kind: 'setting', key: 'process_limit', value: '1024'}],
    });
  });

  it("reports one missing '}' per unclosed section", () => {
    expect(errs('a {\n  b {\n')).toEqual([
      {line: 1, column: 1, message: "Missing '}' for 'a' opened on line 1"},
      {line: 2, column: 3, message: "Missing '}' for 'b' opened on line 2"},
    ]);
  });

  it("reports an unexpected '}' and goes on", () => {
    const r = parseConfig('a = 1\n  }\nb = 2');
    expect(r.errors).toEqual([{line: 2, column: 3, message: "Unexpected '}' (no section is open)"}]);
    expect(stripPositions(r.tree).children.map((n) => n.kind)).toEqual(['setting', 'setting']);
  });

  it("reports a word with neither '=' nor '{'", () => {
    expect(errs('ok = 1\nfoo\n  bar  # c')).toEqual([
      {line: 2, column: 4, message: "Expected '=' or '{' after 'foo'"},
      {line: 3, column: 6, message: "Expected '=' or '{' after 'bar'"},
    ]);
  });

  it("reports a section header without '{'", () => {
    expect(errs('service imap\nservice imap extra {')).toEqual([
      {line: 1, column: 13, message: "Expected '{' after 'service imap'"},
      {line: 2, column: 14, message: "Expected '{' after 'service imap'"},
    ]);
  });

  it("reports a missing space before '{'", () => {
    expect(errs('service imap{\n}\npassdb{\n}')).toEqual([
      {line: 1, column: 13, message: "Missing space before '{'"},
      {line: 2, column: 1, message: "Unexpected '}' (no section is open)"},
      {line: 3, column: 7, message: "Missing space before '{'"},
      {line: 4, column: 1, message: "Unexpected '}' (no section is open)"},
    ]);
  });

  it("reports text after '{' or '}'", () => {
    expect(errs('service imap { x = 1\nservice b {\n} x')).toEqual([
      {line: 1, column: 16, message: "Unexpected text after '{'"},
      {line: 2, column: 1, message: "Missing '}' for 'service b' opened on line 2"},
      {line: 3, column: 3, message: "Unexpected text after '}'"},
    ]);
  });

  it('reports unterminated quotes in values, keys, names and includes', () => {
    expect(errs('a = "abc\nb = \'x\n"key = 1\nservice "imap {\n!include "x')).toEqual([
      {line: 1, column: 5, message: 'Unterminated quote'},
      {line: 2, column: 5, message: 'Unterminated quote'},
      {line: 3, column: 1, message: 'Unterminated quote'},
      {line: 4, column: 9, message: 'Unterminated quote'},
      {line: 5, column: 10, message: 'Unterminated quote'},
    ]);
  });

  it('reports other malformed lines', () => {
    expect(errs('= 1\n"" = 2\n"k" x\n!include\n!include_try   \n{')).toEqual([
      {line: 1, column: 1, message: "Missing setting name before '='"},
      {line: 2, column: 1, message: "Missing setting name before '='"},
      {line: 3, column: 5, message: `Expected '=' after "k"`},
      {line: 4, column: 9, message: "Missing file name after '!include'"},
      {line: 5, column: 13, message: "Missing file name after '!include_try'"},
      {line: 6, column: 1, message: "Expected a section type before '{'"},
    ]);
  });

  it('reports dangling line continuations', () => {
    expect(errs('a = b \\\n\nc = d \\\n# x\ne = f \\')).toEqual([
      {line: 1, column: 1, message: "Line continuation ('\\') is followed by an empty line; the continued line is ignored"},
      {line: 3, column: 1, message: "Line continuation ('\\') is followed by a comment line; the continued line is ignored"},
      {line: 5, column: 1, message: "Line continuation ('\\') is at the end of the input; the continued line is ignored"},
    ]);
  });

  it('maps error columns into continued lines', () => {
    expect(errs('service \\\n   imap \\\n  x {')).toEqual([
      {line: 3, column: 3, message: "Expected '{' after 'service imap'"},
    ]);
  });

  it('keeps parsing after errors and sorts errors by position', () => {
    const r = parseConfig('service a {\n  oops\n  x = 1\n}\n}\nlast = 1\nservice b {');
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 7],
      [5, 1],
      [7, 1],
    ]);
    expect(stripPositions(r.tree).children.map((n) => n.kind)).toEqual(['section', 'setting', 'section']);
  });

  it('caps the number of reported errors', () => {
    const r = parseConfig('}\n'.repeat(MAX_REPORTED_ERRORS + 50));
    expect(r.errors).toHaveLength(MAX_REPORTED_ERRORS + 1);
    expect(r.errors[MAX_REPORTED_ERRORS].message).toBe('50 more error(s) not shown');
  });

  it('never throws on non-string input', () => {
    expect(parseConfig(undefined as unknown as string).errors[0].message).toBe('Input is not text');
  });
});

describe('size limit', () => {
  it('exports a 1 MiB default', () => {
    expect(MAX_CONFIG_BYTES).toBe(1_048_576);
  });

  it('refuses input above the limit with one clear error and an empty tree', () => {
    const big = 'a = b\n'.repeat(400_000); // 2.4 MB
    const r = parseConfig(big);
    expect(r.tree).toEqual({children: []});
    expect(r.errors).toEqual([
      {line: 1, column: 1, message: 'Input is 2.3 MB; the limit is 1 MB. Nothing was parsed.'},
    ]);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const text = 'a = ' + 'é'.repeat(50); // 4 + 100 bytes
    expect(utf8ByteLength(text)).toBe(104);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(parseConfig(text, {maxBytes: 104}).errors).toEqual([]);
    expect(parseConfig(text, {maxBytes: 103}).errors[0].message).toBe(
      'Input is 104 bytes; the limit is 103 bytes. Nothing was parsed.',
    );
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1_048_576)).toBe('1 MB');
  });
});

describe('performance', () => {
  const sample = [
    '# comment line',
    'service imap-login {',
    '  inet_listener imaps {',
    '    port = 993 # trailing',
    '  }',
    '  process_min_avail = %{system:cpu_count}',
    '  user = "$SET:default_login_user"',
    '}',
    'ssl_cert = </etc/ssl/cert.pem',
    '',
  ].join('\n');

  const makeInput = (bytes: number) => sample.repeat(Math.floor(bytes / sample.length));

  it('parses ~1 MB well under a second', () => {
    const text = makeInput(1_000_000);
    const t0 = performance.now();
    const r = parseConfig(text);
    const ms = performance.now() - t0;
    expect(r.errors).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  it('grows roughly linearly (generous bound)', () => {
    const time = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        parseConfig(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const small = makeInput(250_000);
    const large = makeInput(1_000_000);
    time(small); // warm up the JIT
    const ts = time(small);
    const tl = time(large);
    // 4x input: linear ~4x; quadratic would be ~16x. Allow 10x plus slack for timer noise.
    expect(tl).toBeLessThan(ts * 10 + 50);
  });

  it('handles pathological lines (long quotes, many backslashes) in linear time', () => {
    const nasty = [
      'a = "' + '\\'.repeat(300_000),
      'b = ' + "'#".repeat(100_000),
      'c ' + '{'.repeat(100_000),
    ].join('\n');
    const t0 = performance.now();
    const r = parseConfig(nasty);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});
