// Log messages wrapped over several lines by a log viewer or a mail client, as they reach lists
// and forums: joined back and recognised with their numbers; a complete line never swallows the
// configuration after it.
import {describe, expect, it} from 'vitest';
import {explain} from './index';

const E83 = 'May  5 11:22:33 mail dovecot: master: Error: service(imap): child 12345 returned error 83 (Out of memory (service imap { vsz_limit=256 MB }, you may need to increase it) - set CORE_OUTOFMEM=1 environment to get core dump)';

/** The line cut after `width` characters, the rest on following lines (as a fixed-width viewer). */
function cut(line: string, width: number): string {
  const out: string[] = [];
  for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
  return out.join('\n');
}

describe('wrapped log messages', () => {
  it('error 83 wrapped at a space and in the middle of a number', () => {
    const atSpace = E83.replace('vsz_limit=256 MB', 'vsz_limit=256\nMB');
    for (const text of [atSpace, cut(E83, 80), cut(E83, 97), E83.replace('vsz_limit=256', 'vsz_limit=25\n  6')]) {
      const r = explain(`${text}\n`);
      expect(r.unrecognised, text).toEqual([]);
      expect(r.logs, text).toHaveLength(1);
      expect(r.logs[0].recognised, text).toMatchObject({kind: 'error-83-out-of-memory', numbers: {service: 'imap', pid: 12345, vsz_limit_mb: 256}});
      expect(r.logs[0].message).toContain('vsz_limit=256 MB }');
      expect(r.logs[0].wrappedLines?.length).toBeGreaterThan(0);
    }
  });

  it('the auth warning wrapped between the counted services', () => {
    const text = [
      'Nov 30 09:14:02 mail dovecot: master: Warning: service auth { client_limit=1000 } is lower than required under max. load (2348). Counted for protocol services with service_count != 1: service pop3-login { process_limit=100 } +',
      'service imap { process_limit=2048 } + service imap-urlauth-login',
      '{ process_limit=100 } + service imap-login { process_limit=100 }',
    ].join('\n');
    const r = explain(text);
    expect(r.unrecognised).toEqual([]);
    expect(r.logs[0].recognised?.counted?.map((c) => c.service)).toEqual(['pop3-login', 'imap', 'imap-urlauth-login', 'imap-login']);
    expect(r.logs[0].wrappedLines).toEqual([2, 3]);
  });

  it('a complete line is not continued: the config after it stays config', () => {
    const r = explain(`${E83}\nservice imap {\n  vsz_limit = 1G\n}\n`);
    expect(r.logs[0].wrappedLines).toBeUndefined();
    expect(r.services.map((s) => s.name)).toEqual(['imap']);
  });

  it('an unrecognised line does not swallow the sentence after it', () => {
    const r = explain('imap(bob)<4711><abc>: Error: something odd happened here today\nthanks for any help\n');
    expect(r.logs).toHaveLength(1);
    expect(r.logs[0].message).toBe('something odd happened here today');
    expect(r.logs[0].wrappedLines).toBeUndefined();
    expect(r.unrecognised.map((u) => u.line)).toEqual([2]);
  });
});
