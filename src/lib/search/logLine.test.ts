import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {extractLogMessages} from '../../../plugins/log-messages';
import {indexWords, looksLikeConfig, looksLikeLogLine, matchLogMessage, messageWords, searchQuery, stripLogPrefix} from './logLine';

const ENTRIES = extractLogMessages(readFileSync('docs/troubleshooting.mdx', 'utf8'));

/** Every way a line reaches a reader, as the logging setups of Debian, RHEL, containers write it. */
const PREFIXES: [string, string][] = [
  ['syslog (rsyslog, traditional)', 'Nov 30 09:15:47 mail dovecot: '],
  ['syslog with PID, one-digit day', 'Sep  3 07:50:59 mail dovecot[6059]: '],
  ['rsyslog RFC 3339 (Debian 12)', '2024-11-30T09:15:47.123456+01:00 mail dovecot[1234]: '],
  ['journalctl', 'Nov 30 09:15:47 mail dovecot[1234]: '],
  ['journalctl -o short-iso', '2024-11-30T09:15:47+0100 mail dovecot[1234]: '],
  ['journalctl -o short-precise', 'Nov 30 09:15:47.123456 mail dovecot[1234]: '],
  ['journalctl -o short-full', 'Sat 2024-11-30 09:15:47 CET mail dovecot[1234]: '],
  ['RFC 5424', '<30>1 2024-11-30T09:15:47.123Z mail dovecot 1234 - - '],
  ['syslog priority', '<30>Nov 30 09:15:47 mail dovecot[1234]: '],
  ['Dovecot log_path', 'Nov 30 09:15:47 '],
  ['log_timestamp with the year', '2024-11-30 09:15:47 '],
  ['docker compose', 'dovecot-mailcow_1    | Apr 23 17:40:29 mail dovecot: '],
  ['docker logs -t', '2024-11-30T09:15:47.123456789Z '],
  ['Kubernetes CRI', '2024-11-30T09:15:47.123456789Z stderr F '],
  ['podman / journald without time', 'ns8 dovecot[107293]: '],
  ['syslog with program path', 'Nov 30 09:15:47 mail dovecot/imap-login[77]: '],
];

describe('stripLogPrefix', () => {
  for (const [name, prefix] of PREFIXES) {
    it(`removes ${name}`, () => {
      const msg = 'master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped';
      expect(stripLogPrefix(`${prefix}${msg}`)).toBe(msg);
    });
  }
  it('leaves the message itself alone', () => {
    for (const e of ENTRIES) for (const line of e.lines) expect(stripLogPrefix(line), line).toBe(line);
  });
});

describe('messageWords', () => {
  it('keeps the words, drops numbers, addresses, ids and paths', () => {
    expect(
      messageWords(
        'Oct 29 14:44:57 nine dovecot[893]: imap-login: Disconnected: Connection queue full (disconnected while authenticating, waited 0 secs): user=<>, method=PLAIN, rip=13.105.117.37, lip=116.202.233.236, TLS, session=<DL+OINsIGr4NaXUl>',
      ),
    ).toEqual(['imap', 'login', 'disconnected', 'connection', 'queue', 'full', 'while', 'authenticating', 'waited', 'secs', 'tls']);
    expect(messageWords('doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-master.conf line 5: service_count: Unknown setting')).toEqual([
      'doveconf', 'fatal', 'error', 'in', 'configuration', 'file', 'line', 'service_count', 'unknown', 'setting',
    ]);
    expect(messageWords('imap(bob@example.org)<77><abc>: Error: x')).toEqual(['imap', 'error', 'x']);
  });
});

describe('every quoted message, pasted with any prefix, finds its own entry', () => {
  it(`${ENTRIES.reduce((n, e) => n + e.lines.length, 0)} lines × ${PREFIXES.length} prefixes`, () => {
    for (const e of ENTRIES) {
      for (const line of e.lines) {
        for (const [name, prefix] of PREFIXES) {
          expect(matchLogMessage(`${prefix}${line}`, ENTRIES)?.entry.id, `${name}: ${line}`).toBe(e.id);
        }
      }
    }
  });
});

describe('real lines from public reports find their entry', () => {
  // Each line as a reader posted it (the URL is where); the numbers, hosts and services are theirs.
  const REAL: [string, string, string][] = [
    [
      'https://kb.vander.host/email/dovecot-imap-login-process-limit-reached',
      'Aug 19 18:28:02 server dovecot: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped',
      'process-limit-reached',
    ],
    [
      'https://github.com/NethServer/dev/issues/7244',
      'ns8 dovecot[107293]: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped',
      'process-limit-reached',
    ],
    [
      'https://github.com/chatmail/relay/issues/228',
      'Mar 08 09:20:52 nine dovecot[942875]: master: Warning: service(stats): client_limit (1000) reached, client connections are being dropped',
      'client-limit-reached',
    ],
    [
      'https://github.com/chatmail/relay/issues/59',
      'Oct 29 14:44:57 nine dovecot[893]: imap-login: Disconnected: Connection queue full (disconnected while authenticating, waited 0 secs): user=<>, method=PLAIN, rip=13.105.117.37, lip=116.202.233.236, TLS, session=<DL+OINsIGr4NaXUl>',
      'connection-queue-full',
    ],
    [
      'https://github.com/mail-in-a-box/mailinabox/issues/535',
      'dovecot: config: Warning: service auth { client_limit=1000 } is lower than required under max. load (1250)',
      'auth-client-limit-warning',
    ],
    [
      'https://github.com/mail-in-a-box/mailinabox/issues/535',
      'Sep  3 07:50:59 mail dovecot[6059]: doveconf: Warning: service anvil { client_limit=1000 } is lower than required under max. load (1003)',
      'anvil-client-limit-warning',
    ],
    [
      'https://github.com/chatmail/relay/issues/220',
      'Feb 26 12:18:24 c20 dovecot[1168413]: config: Warning: service anvil { client_limit=1000 } is lower than required under max. load (10103). Counted with: service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=10000 } + service auth { process_limit=1 }',
      'anvil-client-limit-warning',
    ],
    [
      'https://github.com/chatmail/relay/issues/220',
      'Feb 26 12:18:24 c20 dovecot[1168413]: config: Warning: service auth { client_limit=1000 } is lower than required under max. load (10200). Counted for protocol services with service_count != 1: service lmtp { process_limit=100 } + service imap-urlauth-login { process_limit=100 } + service imap-login { process_limit=10000 }',
      'auth-client-limit-warning',
    ],
  ];
  for (const [url, line, id] of REAL) {
    it(`${id} (${url})`, () => {
      expect(matchLogMessage(line, ENTRIES)?.entry.id).toBe(id);
    });
  }

  it('lines about something else match nothing', () => {
    // https://github.com/mailcow/mailcow-dockerized/issues/2548 and /2111: ordinary traffic
    for (const line of [
      'dovecot-mailcow_1    | Apr 23 17:40:29 mail dovecot: imap-login: Aborted login (no auth attempts in 0 secs): user=<>, rip=172.22.1.5, lip=172.22.1.250, TLS, TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)',
      'Dec 21 22:16:16 mail dovecot: lmtp(110): Disconnect from 172.22.1.5: Client has quit the connection (state=MAIL FROM)',
      'Jan 15 10:37:00 Gameserver dovecot: imap(support@gameserver.services): Disconnected: Logged out in=312 out=1370',
      // https://kb.vander.host/email/dovecot-imap-login-process-limit-reached: the line after the limit
      'Aug 19 18:28:56 server dovecot: master: Warning: Sent SIGKILL to 95 imap-login processes',
      // the Connection queue full line without its name: an ordinary disconnect
      'imap-login: Info: Disconnected (no auth attempts in 1 secs): user=<>, rip=127.0.0.1, lip=127.0.0.1, secured, session=<BEx5EX5hxul/AAAB>',
      'client_limit',
      'how do I raise the number of processes',
    ]) {
      expect(matchLogMessage(line, ENTRIES), line).toBeNull();
    }
  });
});

describe('what counts as a log line or a config, and the query the index gets', () => {
  it('log lines', () => {
    expect(looksLikeLogLine('master: Warning: service(imap-login): process_limit (100) reached')).toBe(true);
    expect(looksLikeLogLine('Nov 30 09:15:47 mail dovecot: something the site does not know')).toBe(true);
    expect(looksLikeLogLine('imap(bob)<77><x>: Error: y')).toBe(true);
    expect(looksLikeLogLine('process_limit reached, client connections are being dropped')).toBe(false);
    expect(looksLikeLogLine('client_limit')).toBe(false);
  });
  it('configs', () => {
    expect(looksLikeConfig('service imap-login { process_limit = 500 }')).toBe(true);
    expect(looksLikeConfig('vsz_limit = 0')).toBe(true);
    expect(looksLikeConfig('what is vsz_limit')).toBe(false);
  });
  it('a typed query goes to the index unchanged; a log line as its words', () => {
    expect(searchQuery('client_limit')).toBe('client_limit');
    expect(searchQuery('process_limit reached, client connections are being dropped')).toBe('process_limit reached, client connections are being dropped');
    expect(searchQuery('Nov 30 09:15:47 mail dovecot[1234]: master: Warning: service(imap-login): process_limit (100) reached, client connections are being dropped')).toBe(
      'master warning service(imap login process_limit reached client connections are being dropped',
    );
    expect(indexWords("doveconf: Error: service(imap): drop_priv_before_exec=yes can't be used with chroot")).toEqual([
      'doveconf', 'error', 'service(imap', 'drop_priv_before_exec=yes', "can't", 'be', 'used', 'with', 'chroot',
    ]);
  });
});
