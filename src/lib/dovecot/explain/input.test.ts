import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cleanLine, isConfigShaped, mayHaveLogPrefix, normaliseLogLine, splitLines} from './input';

describe('normaliseLogLine', () => {
  it('takes off syslog time, host and program tag, process and level', () => {
    const n = normaliseLogLine(3, 'Nov  3 01:02:03 mail dovecot[812]: imap-login: Info: Login: user=<a@b>');
    expect(n.logShaped).toBe(true);
    expect(n.log).toEqual({line: 3, text: 'Nov  3 01:02:03 mail dovecot[812]: imap-login: Info: Login: user=<a@b>', process: 'imap-login', level: 'Info', message: 'Login: user=<a@b>', timestamp: 'Nov  3 01:02:03'});
  });
  it('container prefix, ISO time, #015 escape, process with pid and session', () => {
    const n = normaliseLogLine(1, 'dovecot-1  | 2024-05-01T10:00:00.123456+02:00 imap(bob)<4711><Xy9z>: Error: oops#015');
    expect(n.log.message).toBe('oops');
    expect(n.log.process).toBe('imap');
    expect(n.log.level).toBe('Error');
    expect(n.log.timestamp).toBe('2024-05-01T10:00:00.123456+02:00');
  });
  it('bare "Warning: " and journald "dovecot: " forms', () => {
    expect(normaliseLogLine(1, 'Warning: fd limit').log).toMatchObject({level: 'Warning', message: 'fd limit'});
    expect(normaliseLogLine(1, 'dovecot: master: Fatal: x').log).toMatchObject({process: 'master', level: 'Fatal', message: 'x'});
    expect(normaliseLogLine(1, '[pod/mail-0/dovecot] log(28255): Warning: Killed').log).toMatchObject({process: 'log', message: 'Killed'});
  });
  it('a config line is not log-shaped', () => {
    expect(normaliseLogLine(1, 'service imap-login {').logShaped).toBe(false);
    expect(normaliseLogLine(1, '  process_limit = 100').logShaped).toBe(false);
  });
});

describe('isConfigShaped, cleanLine, splitLines', () => {
  it('recognises config syntax', () => {
    // keys padded to a column, with spaces or tabs (an Ansible role's 10-master.conf.j2)
    for (const l of ['', '# c', '}', '!include conf.d/*.conf', 'key = v', 'key=', '"quoted key" = 1', 'service imap {', 'inet_listener imaps { # x', 'a \\', `mode${' '.repeat(22)}= 0660`, 'user\t\t= vmail', 'service imap\t{']) {
      expect(isConfigShaped(l), l).toBe(true);
    }
    for (const l of ['hello world', 'service(imap): x', 'what does this mean?']) expect(isConfigShaped(l), l).toBe(false);
  });
  it('cleans CRs and rsyslog escapes; splits CRLF text', () => {
    expect(cleanLine('a#015\r')).toBe('a');
    expect(cleanLine('a#011b')).toBe('a\tb');
    expect(splitLines('a\r\nb\n')).toEqual([{line: 1, text: 'a\r'}, {line: 2, text: 'b'}]);
    expect(splitLines('')).toEqual([{line: 1, text: ''}]);
    expect(splitLines('a\n\n')).toEqual([{line: 1, text: 'a'}, {line: 2, text: ''}]);
  });
});

describe('mayHaveLogPrefix', () => {
  it('is false only where normaliseLogLine finds no prefix', () => {
    const samples = ['  process_limit = 100', 'service imap {', '}', '', '   ', 'x: y', 'a|b', '[pod] x', '2024-01-01T00:00:00Z x', 'Nov  3 01:02:03 x', 'Warning: x', 'dovecot: master: Info: x', '\u3000Nov 30 13:05:47 master: Info: x'];
    for (const s of samples) {
      if (!mayHaveLogPrefix(cleanLine(s))) expect(normaliseLogLine(1, s).logShaped, s).toBe(false);
    }
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom('a', ' ', ':', '|', '[', ']', '1', 'N', 'o', 'v', '\t', '\u00a0', 'W', 'dovecot: ', 'Info: '), maxLength: 40}), (s) => {
        if (!mayHaveLogPrefix(cleanLine(s))) expect(normaliseLogLine(1, s).logShaped).toBe(false);
      }),
      {numRuns: 3000, seed: 5},
    );
  });
});
