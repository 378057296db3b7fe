// The whole explainer on configs: limits after defaults, doveconf's exact texts, unknown names,
// what cannot be evaluated, mixed input, the size limit, and the full doveconf dumps.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {explain, MAX_EXPLAIN_BYTES} from './index';

const LOAD = {peakConnections: 1000, connectionsPerSecond: 10, cores: 4, ramGiB: 8};
const FIX = join(__dirname, '..', 'conf', 'fixtures');

describe('config explanation', () => {
  it('2.3 imap-login in high-performance mode: limits after defaults, capacity and address space', () => {
    const r = explain('protocols = imap\nservice imap-login {\n  service_count = 0\n  process_min_avail = 2\n  vsz_limit = 1G\n}\n', {load: LOAD});
    const s = r.services.find((x) => x.name === 'imap-login')!;
    expect(s.enabled).toBe(true);
    // 100 processes (default_process_limit) x 1000 clients (default_client_limit)
    expect(s.effective).toEqual({
      process_limit: '100', client_limit: '1000', restart_request_count: 'unlimited', process_min_avail: '2',
      vsz_limit: '1 GiB', idle_kill_interval: '1 min', clients_per_process: '1000', capacity: '100000', address_space: '100 GiB',
    });
    expect(s.calculator).toEqual({version: '2.3', service: 'imap-login', settings: {restart_request_count: '0', process_min_avail: '2', vsz_limit: '1G'}});
    expect(s.findings.some((f) => f.id.startsWith('rule-'))).toBe(false);
  });

  it('a changed default_vsz_limit reaches the findings, which agree with the limits table', () => {
    for (const [version, head] of [['2.3', ''], ['2.4', 'dovecot_config_version = 2.4.1\n']] as const) {
      const r = explain(`${head}default_vsz_limit = 2G\nservice imap {\n  process_limit = 500\n}\n`, {version, load: LOAD});
      const s = r.services.find((x) => x.name === 'imap')!;
      expect(s.effective).toMatchObject({vsz_limit: '2 GiB', address_space: '1000 GiB'});
      expect(s.calculator.settings.vsz_limit, version).toBe('2G');
      expect(s.findings.find((f) => f.id === 'address-space')?.verdict).toBe('At most 1,000 GiB of address space if all 500 processes reach vsz_limit 2 GiB.');
    }
  });

  it('service_count = 100 caps clients per process at min(client_limit, 100)', () => {
    const r = explain('service imap {\n  service_count = 100\n  client_limit = 500\n}\n', {version: '2.3'});
    expect(r.services[0].effective).toMatchObject({process_limit: '1024', clients_per_process: '100', capacity: '102400'});
  });

  it('doveconf warnings with exact text, its fix and anchor; assumed protocols are stated', () => {
    const r = explain('service imap {\n  restart_request_count = unlimited\n}\n');
    expect(r.assumptions.map((a) => a.text)).toEqual([
      'The text has no dovecot_config_version, so it is read as a conf.d fragment of a file with dovecot_config_version = 2.4.1.',
      'The text does not set protocols; it is checked with protocols = imap (the protocols of its services), since doveconf skips services whose protocol is not enabled.',
    ]);
    const w1 = r.rules.find((x) => x.id === 'W1')!;
    expect(w1.message).toBe('service auth { client_limit=1000 } is lower than required under max. load (1224). Counted for protocol services with restart_request_count != 1: service imap { process_limit=1024 } + service imap-login { process_limit=100 } + service imap-urlauth-login { process_limit=100 }');
    expect(w1.anchor).toBe('auth-client-limit-warning');
    expect(w1.fix?.text).toBe('Raise `service auth { client_limit }` to at least 1224.');
    expect(r.wholeFileNotes.map((n) => n.message)).toEqual(['The first setting must be dovecot_config_version', 'dovecot_storage_version setting must be set']);
    expect(r.migration).toBeNull();
  });

  it('a doveconf error stops at the first one, as doveconf does', () => {
    const r = explain('dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nprotocols = imap\nservice imap-login {\n  process_limit = 4\n  process_min_avail = 8\n}\n');
    const errors = r.rules.filter((x) => x.severity === 'error');
    expect(errors.map((e) => e.message)).toEqual(['service(imap-login): process_min_avail is higher than process_limit']);
    expect(errors[0].fix?.text).toBe('Lower `service imap-login { process_min_avail }` to at most 4, or raise `service imap-login { process_limit }`.');
    expect(r.services[0].severity).toBe('error');
  });

  it('settings that do not exist in the detected version, with doveconf 2.4 wording', () => {
    const r = explain('dovecot_config_version = 2.4.1\ndovecot_storage_version = 2.4.1\nauth_worker_max_count = 5\nservice imap-login {\n  service_count = 0\n  idle_kill = 1 mins\n  inet_listener imap {\n    address = 127.0.0.1\n  }\n}\n');
    expect(r.unknownSettings.map((u) => [u.line, u.key, u.context])).toEqual([
      [3, 'auth_worker_max_count', ''],
      [5, 'service_count', 'service imap-login'],
      [6, 'idle_kill', 'service imap-login'],
      [8, 'address', 'service imap-login / inet_listener imap'],
    ]);
    const sc = r.unknownSettings[1];
    expect(sc.doveconf).toBe('Error in configuration file dovecot.conf line 5: service_count: Unknown setting: service_count (service_service_count or service_imap-login_service_count not found either.)');
    expect(sc.anchor).toBe('unknown-setting-service-count');
    expect(sc.reason.startsWith('Dovecot 2.4 calls it restart_request_count.')).toBe(true);
    expect(r.unknownSettings[3].doveconf).toBe('Error in configuration file dovecot.conf line 8: address: Unknown setting: address (inet_listener_address or inet_listener_imap_address not found either.)');
    expect(r.unknownSettings[0].doveconf).toBe('Error in configuration file dovecot.conf line 3: auth_worker_max_count: Unknown setting: auth_worker_max_count');
  });

  it('what cannot be evaluated is listed, never guessed, never fatal', () => {
    const text = [
      '!include conf.d/*.conf',
      'ssl_key = </etc/ssl/private/key.pem',
      'service imap-login {',
      '  process_limit = {{ dovecot_login_processes }}',
      '  client_limit = $my_limit',
      '}',
      'service imap {',
      '  process_min_avail = %{system:cpu_count}',
      '}',
      'service pop3 {',
      '  process_limit = <%= @pop3 %>',
      '  vsz_limit = ${VSZ}',
      '}',
    ].join('\n');
    const r = explain(text, {version: '2.4'});
    expect(r.cannotEvaluate.map((c) => c.line)).toEqual([1, 2, 4, 5, 8, 11, 12]);
    expect(r.cannotEvaluate[2].why).toContain('template expressions');
    const login = r.services.find((s) => s.name === 'imap-login')!;
    expect(login.effective).toBeNull();
    expect(login.problems).toEqual([
      'process_limit (line 4) cannot be evaluated: the template fills in its value when it is rendered.',
      'client_limit (line 5) cannot be evaluated: $my_limit refers to a variable that is not known here.',
    ]);
    expect(r.services.find((s) => s.name === 'imap')!.effective).toBeNull();
    // a template value is never read as "not set" (which would show the defaults)
    expect(r.services.find((s) => s.name === 'pop3')!.effective).toBeNull();
  });

  it('mixed input: config part, log lines and unrecognised lines, with line numbers as pasted', () => {
    const text = 'Here is my config:\nservice imap-login {\n  process_limit = 2\n}\nNov 30 13:05:47 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped\nNov 30 13:05:48 master: Warning: service(imap-login): process_limit (2) reached, client connections are being dropped\nthanks!\n';
    const r = explain(text, {version: '2.4'});
    expect(r.configParts).toEqual([{firstLine: 2, lastLine: 4}]);
    expect(r.parseErrors).toEqual([]);
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0]).toMatchObject({line: 5, repeats: 1, repeatLines: [6]});
    expect(r.unrecognised.map((u) => u.line)).toEqual([1, 7]);
    expect(r.services[0].written).toEqual([{key: 'process_limit', value: '2', line: 3}]);
  });

  it('a 2.3 config gets its migration', () => {
    const r = explain('# 2.3.19.1 (9b53102964): /etc/dovecot/dovecot.conf\nservice imap-login {\n  service_count = 0\n}\n');
    expect(r.migration?.complete).toBe(true);
    expect(r.migration?.text).toContain('restart_request_count = unlimited');
  });

  it('refuses more than the size limit with a clear message', () => {
    const r = explain('#'.repeat(MAX_EXPLAIN_BYTES + 1));
    expect(r.refused).toBe('The text is 1 MB; the explainer reads at most 1 MB. Paste the relevant part (doveconf -n output and the log lines in question).');
    expect(MAX_EXPLAIN_BYTES).toBeGreaterThanOrEqual(1_000_000);
    expect(explain('#'.repeat(1_000_000)).refused).toBeNull();
  });

  it.each([
    ['doveconf-2.3-a.txt', '2.3'],
    ['doveconf-2.3-a-debian-default-conf.txt', '2.3'],
    ['doveconf-2.3-n-debian-default-conf.txt', '2.3'],
    ['doveconf-2.4-a.txt', '2.4'],
    ['doveconf-2.4-d.txt', '2.4'],
  ])('the whole dump %s is explained with no parse error', (file, version) => {
    const text = readFileSync(join(FIX, file), 'utf8');
    const r = explain(text);
    expect(r.refused).toBeNull();
    expect(r.parseErrors).toEqual([]);
    expect(r.version.version).toBe(version);
    expect(r.unrecognised).toEqual([]);
    expect(r.logs).toEqual([]);
    // every `service NAME {` block of the dump is explained
    const blocks = new Set([...text.matchAll(/^service ([\w-]+) \{$/gm)].map((m) => m[1]));
    expect(r.services.map((s) => s.name).sort()).toEqual([...blocks].sort());
    if (file.includes('-a.txt') && version === '2.3') expect(blocks.size).toBeGreaterThan(20);
  });
});
