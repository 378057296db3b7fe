// Fuzzing: 10 000+ random and mutated inputs built from real config shapes (the parser's
// fixtures) and real log lines never throw, never hang (each is time-boxed) and always come back
// as plain data; 1 MB adversarial lines stay fast (every regex is linear).
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {explain} from './index';
import {findSecrets} from './redact';

const FIX = join(__dirname, '..', 'conf', 'fixtures');
const PER_INPUT_MS = 1500;

function fixtureLines(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, {withFileTypes: true})) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(conf|ext)$/.test(e.name)) files.push(join(dir, e.name));
    }
  };
  walk(FIX);
  return files.flatMap((f) => readFileSync(f, 'utf8').split('\n'));
}

const CONFIG_LINES = fixtureLines();
const LOG_LINES = [
  'Nov 30 13:05:47 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped',
  'Nov 30 13:05:47 imap-login: Info: Disconnected: Connection queue full (no auth attempts in 1 secs): user=<>, rip=127.0.0.1, lip=127.0.0.1, secured, session=<BEx5EX5hxul/AAAB>',
  'Nov 30 13:06:10 imap-login: Info: Login aborted: Connection queue full (client_limit and process_limit was hit and this login session was killed.) (process_full): user=<>, rip=127.0.0.1',
  'dovecot-1  | doveconf: Warning: service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with service_count != 1: service imap { process_limit=1024 } + service imap-login { process_limit=100 }',
  'Warning: fd limit (ulimit -n) is lower than required under max. load (256 < 5000), because of service imap-login { client_limit }',
  'master: Error: service(imap): child 4242 returned error 83 (Out of memory (service imap { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)#015',
  '2024-01-01T00:00:00Z mail dovecot[1]: master: Error: service(imap): fork() failed: Resource temporarily unavailable (ulimit -u 100 reached?)',
  'doveconf: Fatal: Error in configuration file /x line 5: service_count: Unknown setting: service_count (service_service_count or service_imap-login_service_count not found either.)',
  'master: Warning: service(imap): Process 1 is ignoring idle SIGINT',
  'master: Error: service(auth): command startup failed, throttling for 2.000 secs',
];
const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{ x }}', '${X}', '<%= y %>', '\u0000', '\u202e', '"', "'", '\\', '}', '{', '#', '=', '!include', '$SET:', '%{system:cpu_count}', '\r', 'service(', '(', '<', 'Connection queue full (', 'Unknown setting: '];

function isPlainData(v: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every((x) => isPlainData(x, depth + 1));
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    if ('$$typeof' in (v as object)) return false;
    return Object.values(v as object).every((x) => x === undefined || isPlainData(x, depth + 1));
  }
  return false;
}

function check(input: string): void {
  const t0 = performance.now();
  const r = explain(input);
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(PER_INPUT_MS);
  expect(isPlainData(r)).toBe(true);
  // an exception caught by explain() is a bug too, not only one that escapes it
  expect(r.parseErrors.filter((e) => e.message.startsWith('Internal error')), input.slice(0, 200)).toEqual([]);
  findSecrets(input);
}

const line = fc.oneof(
  fc.constantFrom(...CONFIG_LINES),
  fc.constantFrom(...LOG_LINES),
  fc.constantFrom(...HOSTILE),
  fc.string({maxLength: 60}),
  fc.string({unit: 'grapheme', maxLength: 30}),
);

const mutated = fc
  .tuple(fc.array(line, {maxLength: 40}), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...HOSTILE)), {maxLength: 6}))
  .map(([lines, edits]) => {
    let text = lines.join('\n');
    for (const [at, cut, ins] of edits) {
      const i = text.length === 0 ? 0 : at % text.length;
      text = text.slice(0, i) + ins + text.slice(i + (cut % 4));
    }
    return text;
  });

describe('fuzzing the explainer', () => {
  it('5 000 mutated configs and log mixes: no throw, no hang, plain data', () => {
    fc.assert(fc.property(mutated, (text) => check(text)), {numRuns: 5000, seed: 20261130});
  });
  it('5 000 random texts: no throw, no hang, plain data', () => {
    fc.assert(fc.property(fc.string({maxLength: 400}), (text) => check(text)), {numRuns: 3000, seed: 7});
    fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 300}), (text) => check(text)), {numRuns: 2000, seed: 8});
  });
  it('whole fixture files with each line mutated once: 1 000 more', () => {
    const text = CONFIG_LINES.slice(0, 400).join('\n');
    fc.assert(
      fc.property(fc.nat({max: 399}), fc.constantFrom(...HOSTILE), (n, ins) => {
        const lines = text.split('\n');
        lines[n] = lines[n].slice(0, lines[n].length >> 1) + ins + lines[n].slice(lines[n].length >> 1);
        check(lines.join('\n'));
      }),
      {numRuns: 1000, seed: 9},
    );
  });
  it.each([
    ['a', (n: number) => 'a'.repeat(n)],
    ['braces', (n: number) => '{'.repeat(n)],
    ['parentheses after a process', (n: number) => `imap${'('.repeat(n)}`],
    ['service( repeated', (n: number) => 'service('.repeat(n / 8)],
    ['W1 with a huge counted list', (n: number) => `service auth { client_limit=1 } is lower than required under max. load (2). Counted for protocol services with service_count != 1: ${'service x { process_limit=1 } + '.repeat(n / 33)}`],
    ['queue full with an open parenthesis', (n: number) => `imap-login: Info: Disconnected: Connection queue full (${'x'.repeat(n)}`],
    ['unknown setting', (n: number) => `Unknown setting: ${'a'.repeat(n)}`],
    ['key = long value', (n: number) => `password = ${'x'.repeat(n)}`],
    ['timestamps', (n: number) => 'Nov 30 13:05:47 '.repeat(n / 16)],
    ['spaces then pipe', (n: number) => `dovecot${' '.repeat(n)}|`],
    ['quoted section', (n: number) => `unix_listener "${'%{'.repeat(n / 2)}`],
  ])('a 1 MB adversarial line (%s) takes linear time', (_name, make) => {
    const input = make(1_000_000);
    expect(input.length).toBeGreaterThan(900_000);
    const t0 = performance.now();
    const r = explain(input);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.refused).toBeNull();
    const t1 = performance.now();
    findSecrets(input);
    expect(performance.now() - t1).toBeLessThan(3000);
  });
});
