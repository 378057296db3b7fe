// The explainer's 2.3 -> 2.4 migration over a fixed corpus: every 2.3 probe fixture that real
// doveconf 2.3 accepts (exit 0, per the manifest) and every 2.3 config block of the docs (version=2.3,
// not marked bad). At least 90 % must migrate completely, and every complete migration, wrapped as
// DESIGN.md defines, must be clean in real doveconf 2.4. Plus one config per migration rule.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {parseConfig} from '../../src/lib/dovecot/conf';
import {migrate23to24} from '../../src/lib/dovecot/explain/migrate';
import {allDocsBlocks} from './docs-blocks';
import {checkClean, requireBinaries, runDoveconf} from './doveconf';

beforeAll(() => requireBinaries());

interface ManifestEntry {
  file: string;
  version: string;
  exitCode: number;
}

const FIXTURES = join(__dirname, 'fixtures');

function corpus(): {name: string; text: string}[] {
  const manifest = JSON.parse(readFileSync(join(FIXTURES, 'probes.json'), 'utf8')) as ManifestEntry[];
  const probes = manifest
    .filter((e) => e.version === '2.3' && e.exitCode === 0 && e.file.startsWith('probes/2.3/'))
    .map((e) => ({name: e.file, text: readFileSync(join(FIXTURES, e.file), 'utf8')}));
  const docs = allDocsBlocks()
    .filter((b) => b.version === '2.3' && b.bad === null)
    .map((b) => ({name: `${b.file}:${b.line}`, text: b.text}));
  return [...probes, ...docs];
}

describe('2.3 -> 2.4 migration over the corpus', () => {
  const items = corpus();

  it('has a corpus of accepted 2.3 configs (probes and docs blocks)', () => {
    expect(items.length).toBeGreaterThanOrEqual(10);
    // the corpus really is what 2.3 accepts
    for (const item of items) expect(runDoveconf('2.3', item.text).exitCode, item.name).toBe(0);
  });

  it('migrates at least 90 % completely, and every complete migration is clean in doveconf 2.4', () => {
    let complete = 0;
    const failures: string[] = [];
    const incomplete: string[] = [];
    for (const item of items) {
      const parsed = parseConfig(item.text);
      expect(parsed.errors, item.name).toEqual([]);
      const m = migrate23to24(parsed.tree);
      if (!m.complete) {
        incomplete.push(`${item.name}: ${m.notConverted.map((n) => `${n.text} (${n.why})`).join('; ')}`);
        continue;
      }
      complete++;
      const r = checkClean('2.4', m.text);
      if (!r.clean) failures.push(`${item.name}: exit ${r.exitCode}, stderr ${r.stderr.trim()}\n--- checked:\n${r.wrapped}`);
    }
    const pct = (100 * complete) / items.length;
    console.log(`explain migration completeness: ${complete}/${items.length} = ${pct.toFixed(1)} % complete`);
    for (const line of incomplete) console.log(`  not complete: ${line}`);
    expect(failures).toEqual([]);
    expect(pct).toBeGreaterThanOrEqual(90);
  });
});

// One config per rule: accepted by 2.3, migrated completely, clean in 2.4, and the rule visible.
const RULES: {name: string; text: string; expect: RegExp[]}[] = [
  {name: 'service_count 0 -> unlimited', text: 'protocols = imap\nservice imap-login {\n  service_count = 0\n}\n', expect: [/restart_request_count = unlimited/]},
  {name: 'service_count N kept', text: 'protocols = pop3\nservice pop3-login {\n  service_count = 50\n}\n', expect: [/restart_request_count = 50/]},
  {name: 'vsz_limit 0 -> unlimited', text: 'protocols = imap\nservice imap {\n  vsz_limit = 0\n}\n', expect: [/vsz_limit = unlimited/]},
  {name: 'process_limit 0 / client_limit 0 dropped', text: 'protocols = imap\nservice imap-login {\n  process_limit = 0\n  client_limit = 0\n}\n', expect: [/^(?![\s\S]*process_limit)(?![\s\S]*client_limit)/]},
  {name: 'process_limit 0 on imap written as the 2.3 default', text: 'protocols = imap\nservice imap {\n  process_limit = 0\n}\n', expect: [/process_limit = 100\b/]},
  {name: 'idle_kill -> idle_kill_interval', text: 'protocols = imap\nservice imap {\n  idle_kill = 2 mins\n}\n', expect: [/idle_kill_interval = 2 mins/]},
  {name: 'idle_kill 0 dropped', text: 'protocols = imap\nservice imap {\n  idle_kill = 0\n}\n', expect: [/^(?![\s\S]*idle_kill)/]},
  {name: 'default_idle_kill renamed', text: 'default_idle_kill = 5 mins\n', expect: [/default_idle_kill_interval = 5 mins/]},
  {name: 'auth_worker_max_count -> auth-worker process_limit', text: 'auth_worker_max_count = 12\n', expect: [/service auth-worker \{\n {2}process_limit = 12/]},
  {name: '$default_login_user -> $SET:', text: 'protocols = imap\nservice imap-login {\n  user = $default_login_user\n}\n', expect: [/user = \$SET:default_login_user/]},
  {name: 'inet_listener address -> listen', text: 'protocols = imap\nservice imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = 143\n  }\n}\n', expect: [/listen = 127\.0\.0\.1/]},
  {name: 'auth_cache_size bare number -> M', text: 'auth_cache_size = 100\n', expect: [/auth_cache_size = 100M/]},
  {name: 'auth W1 raised', text: 'protocols = imap\nservice imap {\n  service_count = 0\n}\n', expect: [/service auth \{\n {2}client_limit = 1224/]},
];

describe('each migration rule against real doveconf', () => {
  for (const rule of RULES) {
    it(rule.name, () => {
      expect(runDoveconf('2.3', rule.text).exitCode).toBe(0);
      const m = migrate23to24(parseConfig(rule.text).tree);
      expect(m.notConverted).toEqual([]);
      for (const re of rule.expect) expect(m.text).toMatch(re);
      const r = checkClean('2.4', m.text);
      expect(r.stderr).toBe('');
      expect(r.clean).toBe(true);
    });
  }
});
