// Round-trip tests: real doveconf dumps and Debian's shipped config files
// (copied into fixtures/), plus fast-check properties over generated trees and
// random or mutated text. The seed is fixed and printed; set FC_SEED to vary it.

import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  MAX_REPORTED_ERRORS,
  findSections,
  getSetting,
  parseConfig,
  printConfig,
  readHeader,
  stripPositions,
  treesEqual,
  type ConfigTree,
  type Node,
  type SectionNode,
} from './index';

const FIXTURES = join(__dirname, 'fixtures');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const SEED = Number(process.env.FC_SEED ?? 20240611);
console.log(`fast-check seed: ${SEED} (set FC_SEED to change)`);
const fcParams = (numRuns: number) => ({seed: SEED, numRuns, endOnFailure: true});

/** Independent count: top-level "service NAME {" lines. */
const countServiceLines = (text: string) => text.split('\n').filter((l) => /^service \S+ \{\s*$/.test(l)).length;

function reparses(tree: ConfigTree): ConfigTree {
  const r = parseConfig(printConfig(tree));
  expect(r.errors).toEqual([]);
  return r.tree;
}

function section(tree: ConfigTree | SectionNode, type: string, name?: string): SectionNode {
  const [s] = findSections(tree, type, {name});
  expect(s, `${type} ${name ?? ''}`).toBeDefined();
  return s;
}

describe('doveconf dumps', () => {
  const dumps: Array<[string, number]> = [
    ['doveconf-2.3-a.txt', 32],
    ['doveconf-2.3-a-debian-default-conf.txt', 32],
    ['doveconf-2.3-n-debian-default-conf.txt', 0],
    ['doveconf-2.4-a.txt', 0],
    ['doveconf-2.4-d.txt', 27],
  ];

  for (const [name, services] of dumps) {
    it(`${name}: no errors, ${services} services, exact text round trip`, () => {
      const text = read(name);
      const {tree, errors} = parseConfig(text);
      expect(errors).toEqual([]);
      expect(countServiceLines(text)).toBe(services);
      expect(findSections(tree, 'service')).toHaveLength(services);
      // doveconf's own layout is what the printer produces, byte for byte.
      expect(printConfig(tree)).toBe(text);
      expect(stripPositions(reparses(tree))).toEqual(stripPositions(tree));
    });
  }

  it('2.3 -a: service imap { process_limit = 1024 } and listeners', () => {
    const {tree} = parseConfig(read('doveconf-2.3-a.txt'));
    const imap = section(tree, 'service', 'imap');
    expect(getSetting(imap, 'process_limit')?.value).toBe('1024');
    expect(getSetting(imap, 'client_limit')?.value).toBe('1');
    const login = section(tree, 'service', 'imap-login');
    expect(getSetting(login, 'service_count')?.value).toBe('1');
    expect(getSetting(section(login, 'inet_listener', 'imaps'), 'port')?.value).toBe('993');
    expect(getSetting(tree, 'mail_log_prefix')).toMatchObject({value: '%s(%u)<%{pid}><%{session}>: ', quote: '"'});
    expect(readHeader(read('doveconf-2.3-a.txt'))).toMatchObject({version: '2.3.19.1', series: '2.3'});
  });

  it('2.3 -n of the Debian config: files, hidden values, quoted names', () => {
    const {tree} = parseConfig(read('doveconf-2.3-n-debian-default-conf.txt'));
    expect(getSetting(tree, 'ssl_cert')).toMatchObject({value: '/etc/dovecot/private/dovecot.pem', file: true});
    expect(getSetting(tree, 'ssl_key')).toMatchObject({value: '', comment: ' hidden, use -P to show it'});
    expect(getSetting(tree, 'protocols')).toMatchObject({value: ' imap lmtp sieve pop3 submission', quote: '"'});
    const inbox = section(tree, 'namespace', 'inbox');
    expect(section(inbox, 'mailbox', 'Sent Messages').nameQuoted).toBe(true);
    expect(getSetting(section(inbox, 'mailbox', 'Drafts'), 'special_use')?.value).toBe('\\Drafts');
  });

  it('2.4 -d: imap-login restart_request_count = 1, quoted keys, groups', () => {
    const text = read('doveconf-2.4-d.txt');
    const {tree} = parseConfig(text);
    const login = section(tree, 'service', 'imap-login');
    expect(getSetting(login, 'restart_request_count')?.value).toBe('1');
    expect(getSetting(login, 'user')?.value).toBe('$SET:default_login_user');
    expect(findSections(login, 'unix_listener')[0]).toMatchObject({name: 'srv.imap-login/%{pid}', nameQuoted: true});
    const caps = section(section(tree, 'service', 'imap'), 'imap_capability');
    expect(getSetting(caps, 'SORT=DISPLAY')?.value).toBe('yes');
    expect(getSetting(caps, 'LITERAL+')?.value).toBe('yes');
    expect(findSections(tree, 'group').map((g) => [g.group, g.name])).toEqual([
      ['@metric_defaults', 'proxy'],
      ['@metric_defaults', 'backend'],
      ['@mailbox_defaults', 'english'],
    ]);
    expect(getSetting(tree, 'notify_status_value')?.value).toBe('{"messages":%{messages},"unseen":%{unseen}}');
    expect(readHeader(text)).toMatchObject({version: '2.4.1-4', series: '2.4', build: '7d8c0e5759'});
  });

  it('2.4 -a: flat service_* defaults are plain settings', () => {
    const {tree} = parseConfig(read('doveconf-2.4-a.txt'));
    expect(getSetting(tree, 'service_restart_request_count')?.value).toBe('unlimited');
    expect(getSetting(tree, 'last_login_key')).toMatchObject({value: '', comment: ' hidden, use -P to show it'});
  });
});

describe("Debian's shipped 2.3 /etc/dovecot", () => {
  const dir = join(FIXTURES, 'debian-2.3-etc');
  const files = ['dovecot.conf', ...readdirSync(join(dir, 'conf.d')).sort().map((f) => `conf.d/${f}`)];

  it('has the files', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  for (const file of files) {
    it(`${file}: no errors, services counted, round trip`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const {tree, errors} = parseConfig(text);
      expect(errors).toEqual([]);
      expect(findSections(tree, 'service')).toHaveLength(countServiceLines(text));
      expect(treesEqual(reparses(tree), tree)).toBe(true);
    });
  }

  it('dovecot.conf keeps its includes unresolved', () => {
    const {tree} = parseConfig(readFileSync(join(dir, 'dovecot.conf'), 'utf8'));
    const includes = tree.children.filter((n) => n.kind === 'include');
    expect(includes.map((n) => [n.path, n.optional])).toEqual([
      ['/usr/share/dovecot/protocols.d/*.protocol', true],
      ['conf.d/*.conf', false],
      ['local.conf', true],
    ]);
  });

  it('10-master.conf has the stock services', () => {
    const {tree} = parseConfig(readFileSync(join(dir, 'conf.d/10-master.conf'), 'utf8'));
    expect(findSections(tree, 'service').map((s) => s.name)).toEqual([
      'imap-login',
      'pop3-login',
      'submission-login',
      'lmtp',
      'imap',
      'pop3',
      'submission',
      'auth',
      'auth-worker',
      'dict',
    ]);
  });
});

describe('probe configs', () => {
  const probeFiles = ['2.3', '2.4'].flatMap((v) =>
    readdirSync(join(FIXTURES, 'probes', v))
      .filter((f) => f.endsWith('.conf'))
      .map((f) => `probes/${v}/${f}`),
  );
  const topLevel = readdirSync(join(FIXTURES, 'probes'))
    .filter((f) => f.endsWith('.conf'))
    .map((f) => `probes/${f}`);

  it('all parse without errors and round-trip', () => {
    expect(probeFiles.length).toBeGreaterThan(40);
    for (const f of [...probeFiles, ...topLevel]) {
      const text = read(f);
      const {tree, errors} = parseConfig(text);
      expect(errors, f).toEqual([]);
      expect(findSections(tree, 'service'), f).toHaveLength(countServiceLines(text));
      expect(treesEqual(reparses(tree), tree), f).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------
// Generated trees

const P = {line: 0, column: 0};
const word = (chars: string, min = 1, max = 12) =>
  fc.string({unit: fc.constantFrom(...chars.split('')), minLength: min, maxLength: max});

const KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz_/.-0123456789';
const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789-_./%@:*!';
const PLAIN_VALUE_CHARS = 'abcdefxyzABC0123456789 $%{}:/.,;=<>!@*-_\\+';
/** Anything but line breaks: quoted strings can hold it all. */
const ANY_CHARS = `abc XYZ019 \t#"'\\<>{}=$%!;:é😀\u00a0`;

const plainValue = word(PLAIN_VALUE_CHARS, 0, 16).filter(
  (v) => v === v.trim() && !v.startsWith('<') && !v.endsWith('\\'),
);
const anyText = word(ANY_CHARS, 0, 16);
const comment = fc.option(word(`abc #"'\\{}= é`, 0, 10), {nil: undefined});
const keyArb = fc.oneof(word(KEY_CHARS), word(`${KEY_CHARS}=+ #"'{}`, 1, 10));
const quote = fc.constantFrom<'"' | "'">('"', "'");

const settingArb: fc.Arbitrary<Node> = fc.oneof(
  fc.record({key: keyArb, value: plainValue, comment}).map(({key, value, comment}) => {
    const n: Node = {kind: 'setting', key, value, pos: P};
    if (comment !== undefined) n.comment = comment;
    return n;
  }),
  fc.record({key: keyArb, value: anyText, q: quote, comment}).map(({key, value, q, comment}) => {
    const n: Node = {kind: 'setting', key, value, quote: q, pos: P};
    if (comment !== undefined) n.comment = comment;
    return n;
  }),
  fc.record({key: keyArb, value: word(NAME_CHARS, 0, 12), comment}).map(({key, value, comment}) => {
    const n: Node = {kind: 'setting', key, value, file: true, pos: P};
    if (comment !== undefined) n.comment = comment;
    return n;
  }),
);

const includeArb: fc.Arbitrary<Node> = fc
  .record({
    path: fc.oneof(word(NAME_CHARS), anyText),
    optional: fc.boolean(),
    quoted: fc.option(quote, {nil: undefined}),
    comment,
  })
  .map(({path, optional, quoted, comment}) => {
    const n: Node = {kind: 'include', path, optional, pos: P};
    // Unquoted paths must be bare words; anything else needs quotes.
    const bare = /^[A-Za-z0-9\-_./%@:*!]+$/.test(path);
    if (quoted !== undefined || !bare) n.quote = quoted ?? '"';
    if (comment !== undefined) n.comment = comment;
    return n;
  });

const leafArb: fc.Arbitrary<Node> = fc.oneof(
  {weight: 4, arbitrary: settingArb},
  {weight: 1, arbitrary: includeArb},
  {weight: 1, arbitrary: word(`abc #"'\\{}= é`, 0, 12).map((text): Node => ({kind: 'comment', text, pos: P}))},
  {weight: 1, arbitrary: fc.constant<Node>({kind: 'blank', pos: P})},
);

type Header = Pick<SectionNode, 'type' | 'name' | 'nameQuoted' | 'group' | 'comment' | 'endComment'>;
const headerArb: fc.Arbitrary<Header> = fc
  .record({
    type: fc.oneof(word('abcdefghijklmnopqrstuvwxyz_-'), fc.constantFrom('service', 'inet_listener', 'group')),
    form: fc.constantFrom('none', 'plain', 'quoted', 'group'),
    name: word(NAME_CHARS),
    quotedName: anyText,
    groupName: word(NAME_CHARS).map((w) => `@${w}`),
    comment,
    endComment: comment,
  })
  .map(({type, form, name, quotedName, groupName, comment, endComment}) => {
    const h: Header = {type};
    if (form === 'plain') h.name = name;
    if (form === 'quoted') {
      h.name = quotedName;
      h.nameQuoted = true;
    }
    if (form === 'group') {
      h.type = 'group';
      h.group = groupName;
      h.name = name;
    }
    if (comment !== undefined) h.comment = comment;
    if (endComment !== undefined) h.endComment = endComment;
    return h;
  });

const {tree: treeArb} = fc.letrec<{node: Node; tree: ConfigTree}>((tie) => ({
  node: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    leafArb,
    fc
      .record({header: headerArb, children: fc.array(tie('node'), {maxLength: 5})})
      .map(({header, children}): Node => ({kind: 'section', ...header, children, pos: P})),
  ),
  tree: fc.record({children: fc.array(tie('node'), {maxLength: 8})}),
}));

/** Drops the quoting flags: what is left is what Dovecot would see. */
function semantic(tree: ConfigTree): ConfigTree {
  const plain = stripPositions(tree);
  const stack: Node[][] = [plain.children];
  for (let list = stack.pop(); list; list = stack.pop()) {
    for (const n of list) {
      if (n.kind === 'setting' || n.kind === 'include') delete n.quote;
      if (n.kind === 'section') {
        delete n.nameQuoted;
        stack.push(n.children);
      }
    }
  }
  return plain;
}

describe('properties: generated trees', () => {
  it('parse(print(tree)) equals tree for canonical trees', () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        const text = printConfig(tree);
        const back = parseConfig(text);
        expect(back.errors).toEqual([]);
        expect(stripPositions(back.tree)).toEqual(stripPositions(tree));
      }),
      fcParams(500),
    );
  });

  it('values, keys and names of any text survive (quoting may be added)', () => {
    const wild = fc.array(
      fc.oneof(
        fc.record({key: word(ANY_CHARS.replace(/\s/g, '')), value: anyText}).map(
          ({key, value}): Node => ({kind: 'setting', key, value, pos: P}),
        ),
        fc.record({name: anyText.filter((s) => s !== '')}).map(
          ({name}): Node => ({kind: 'section', type: 'mailbox', name, children: [], pos: P}),
        ),
      ),
      {maxLength: 10},
    );
    fc.assert(
      fc.property(wild, (children) => {
        const tree = {children};
        const back = parseConfig(printConfig(tree));
        expect(back.errors).toEqual([]);
        expect(semantic(back.tree)).toEqual(semantic(tree));
      }),
      fcParams(500),
    );
  });
});

// ---------------------------------------------------------------------------
// Random and mutated text

const TOKENS = [
  'service', 'imap', 'group', '@g', 'k', 'v', '1', ' ', ' ', '\t', '=', '{', '}', '#', '"', "'",
  '\\', '\n', '\n', '\r\n', '\r', '<', '!include', '!include_try', '$SET:x', '%{pid}', '/',
  '\uFEFF', 'é', '😀', '\u0000',
];
const randomText = fc.array(fc.constantFrom(...TOKENS), {maxLength: 80}).map((t) => t.join(''));

const seedText = [
  read('doveconf-2.3-n-debian-default-conf.txt'),
  read('probes/2.4/02-high-security-login.conf'),
  read('debian-2.3-etc/conf.d/10-master.conf').slice(0, 1500),
];
const mutatedText = fc
  .record({
    base: fc.constantFrom(...seedText),
    edits: fc.array(
      fc.record({at: fc.nat(), del: fc.nat({max: 5}), insert: fc.constantFrom(...TOKENS)}),
      {minLength: 1, maxLength: 8},
    ),
  })
  .map(({base, edits}) => {
    let text = base;
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.del);
    }
    return text;
  });

function checkStable(text: string): void {
  const first = parseConfig(text);
  const lines = text.split('\n').length;
  expect(first.errors.length).toBeLessThanOrEqual(MAX_REPORTED_ERRORS + 1);
  for (const e of first.errors) {
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(typeof e.message).toBe('string');
  }
  const printed = printConfig(first.tree);
  const second = parseConfig(printed);
  // Whatever the parser accepted prints back into something that parses the same, cleanly.
  expect(second.errors).toEqual([]);
  expect(treesEqual(second.tree, first.tree)).toBe(true);
  expect(printConfig(second.tree)).toBe(printed);
}

describe('properties: random and mutated text', () => {
  it('random token soup never throws and prints back to the same tree', () => {
    fc.assert(fc.property(randomText, checkStable), fcParams(2000));
  });

  it('mutated real configs never throw and print back to the same tree', () => {
    fc.assert(fc.property(mutatedText, checkStable), fcParams(500));
  });

  it('arbitrary unicode strings never throw', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 200}), (s) => {
        const r = parseConfig(s);
        expect(Array.isArray(r.errors)).toBe(true);
        expect(typeof printConfig(r.tree)).toBe('string');
      }),
      fcParams(1000),
    );
  });
});
