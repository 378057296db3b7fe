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

// The service blocks of Debian's stock 10-master.conf (bookworm and trixie ship the same ones)
const DEBIAN_MASTER = `service imap-login {
  inet_listener imap {
  }
  inet_listener imaps {
  }
}
service pop3-login {
  inet_listener pop3 {
  }
  inet_listener pop3s {
  }
}
service submission-login {
  inet_listener submission {
  }
}
service lmtp {
  unix_listener lmtp {
  }
}
service imap {
}
service pop3 {
}
service submission {
}
service auth {
  unix_listener auth-userdb {
  }
}
service auth-worker {
}
service dict {
  unix_listener dict {
  }
}
`;

describe('no invented load: capacity only against the load the reader gives', () => {
  it.each(['2.3', '2.4'] as const)("Debian's stock 10-master.conf (%s) has no error or warning of its own", (version) => {
    const r = explain(DEBIAN_MASTER, {version});
    expect(r.rules.filter((x) => x.source === 'doveconf')).toEqual([]);
    for (const s of r.services) {
      expect(['ok', 'info'], s.name).toContain(s.severity);
      expect(s.findings.map((f) => f.id)).not.toContain('capacity');
      expect(s.findings.filter((f) => f.severity === 'warning' || f.severity === 'danger')).toEqual([]);
    }
  });

  it('a peak the reader enters judges the mail clients\' services, not lmtp or auth', () => {
    const r = explain(DEBIAN_MASTER, {version: '2.3', load: {peakConnections: 1000}});
    const login = r.services.find((s) => s.name === 'imap-login')!;
    // 100 login processes (default_process_limit) for 1000 connections in high-security mode
    expect(login.findings.find((f) => f.id === 'capacity')).toMatchObject({severity: 'danger', verdict: 'Your peak of 1,000 connections needs 1,000 processes; process_limit allows 100.'});
    expect(login.severity).toBe('error');
    expect(r.services.find((s) => s.name === 'lmtp')!.findings.map((f) => f.id)).not.toContain('capacity');
    // no rate given: nothing about forks
    expect(login.findings.map((f) => f.id)).not.toContain('forks');
    expect(explain(DEBIAN_MASTER, {version: '2.3', load: {peakConnections: 1000, connectionsPerSecond: 20}}).services[0].findings.map((f) => f.id)).toContain('forks');
  });
});

describe('problems at any load', () => {
  const ids = (text: string, version: '2.3' | '2.4' = '2.3') => explain(text, {version}).services.flatMap((s) => s.findings.filter((f) => !['pattern', 'isolation', 'blocking', 'address-space', 'login-mode', 'min-avail'].includes(f.id)).map((f) => `${s.name}:${f.id}:${f.severity}`));

  it('client_limit = 100 while each process serves one connection in its life', () => {
    expect(ids('service imap-login {\n  client_limit = 100\n  process_min_avail = 4\n}\n')).toEqual(['imap-login:client-limit-no-effect:warning']);
    expect(ids('service imap-login {\n  client_limit = 100\n  service_count = 0\n}\n')).toEqual([]);
    const f = explain('service imap {\n  client_limit = 5\n  restart_request_count = 1\n}\n', {version: '2.4'}).services[0].findings.find((x) => x.id === 'client-limit-no-effect')!;
    expect(f.verdict).toBe('client_limit = 5 (line 2) has no effect: with restart_request_count = 1 each imap process serves one connection in its whole life, so it never holds two at once.');
  });

  it("service pop3 running imap's program; post-login scripts and paths are fine", () => {
    expect(ids('service pop3 {\n  executable = imap pop3-postlogin\n}\n')).toEqual(['pop3:executable-of-another-service:danger']);
    expect(ids('service imap {\n  executable = imap imap-postlogin\n}\nservice pop3 {\n  executable = /usr/lib/dovecot/pop3\n}\n')).toEqual([]);
  });

  it("services Dovecot does not ship (a quota-warning script service, a custom login service) are explained, never an internal error", () => {
    // mailcow's and YunoHost's quota warning script, and a login service of one's own
    const text = 'service quota-warning {\n  executable = script /usr/local/bin/quota_notify.py\n  user = vmail\n  unix_listener quota-warning {\n    user = vmail\n  }\n}\nservice my-login {\n  type = login\n  user = vmail\n}\n';
    for (const version of ['2.3', '2.4'] as const) {
      const r = explain(text, {version});
      expect(r.parseErrors).toEqual([]);
      expect(r.services.map((s) => s.name)).toEqual(['quota-warning', 'my-login']);
      expect(r.services[1].findings.map((f) => f.id)).toEqual(['login-as-mail-user']);
    }
  });

  it("names that are JavaScript object properties (constructor, toString) are plain names, not Dovecot 1.x ones", () => {
    const text = 'constructor = 1\nprotocol imap {\n  toString = 1\n}\n';
    for (const version of ['2.3', '2.4'] as const) {
      const r = explain(text, {version});
      expect(r.parseErrors).toEqual([]);
      expect(r.rules.filter((x) => x.id === 'W5')).toEqual([]);
      expect(r.unknownSettings.map((u) => u.reason ?? '').join(' ')).not.toContain('1.x');
      for (const n of r.migration?.notConverted ?? []) expect(n.why).not.toContain('internal error');
    }
  });

  it('login processes running as a mail user', () => {
    expect(ids('service imap-login {\n  user = vmail\n}\n')).toEqual(['imap-login:login-as-mail-user:danger']);
    // default_login_user is said once, for all login processes, with or without service blocks
    expect(ids('default_login_user = vmail\nservice pop3-login {\n}\n')).toEqual([]);
    for (const text of ['default_login_user = vmail\nservice pop3-login {\n}\n', 'default_login_user = dovecot\n']) {
      expect(explain(text, {version: '2.4'}).findings.map((f) => [f.id, f.severity])).toEqual([['login-as-mail-user', 'danger']]);
    }
    expect(explain('default_login_user = dovecot\n', {version: '2.4'}).findings[0].verdict).toBe('All login processes (imap-login, pop3-login, …) run as dovecot (default_login_user = dovecot on line 1), a user that can read mail or more.');
    // the internal user being the mail user is not the login processes' business
    expect(ids('default_internal_user = vmail\nservice imap-login {\n}\n')).toEqual([]);
    expect(ids('service imap-login {\n  user = $default_login_user\n}\n')).toEqual([]);
  });

  it('a high default_process_limit is named as the cause of the auth/anvil warnings', () => {
    const r = explain('protocols = imap pop3\ndefault_process_limit = 5000\nservice imap-login {\n  service_count = 1\n}\n', {version: '2.3'});
    const w1 = r.rules.find((x) => x.id === 'W1')!;
    expect(w1.note).toBe('default_process_limit = 5000 (line 2) is the process_limit of every service that sets none of its own: pop3-login, imap-urlauth-login, imap-login take 5000 from it, and the sum counts each.');
    expect(w1.fix?.text).toContain('keep default_process_limit at its default (100)');
    expect(r.rules.find((x) => x.id === 'W2')?.note).toContain('auth');
  });
});
