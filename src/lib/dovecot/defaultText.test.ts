import {describe, expect, it} from 'vitest';
import {defaultText} from './defaultText';

// Expected values read from doveconf -a (2.3.19.1) and doveconf -d (2.4.1) by hand.
describe('defaultText', () => {
  it('prints a service default in force, in either version', () => {
    expect(defaultText('2.3', 'process_limit', 'imap').text).toBe('1024');
    expect(defaultText('2.4', 'process_limit', 'imap').text).toBe('1024');
    expect(defaultText('2.3', 'client_limit', 'imap-login').text).toBe('1000');
    expect(defaultText('2.4', 'restart_request_count', 'imap-login').text).toBe('1');
  });
  it('accepts either version name of a renamed setting', () => {
    expect(defaultText('2.3', 'restart_request_count', 'lmtp').text).toBe('unlimited');
    expect(defaultText('2.4', 'service_count', 'lmtp').text).toBe('1');
  });
  it('explains a 2.3 zero that means the default', () => {
    expect(defaultText('2.3', 'process_limit', 'imap-login').note).toMatch(/default_process_limit/);
  });
  it('prints globals, and a dash where a version lacks the setting', () => {
    expect(defaultText('2.3', 'default_client_limit').text).toBe('1000');
    expect(defaultText('2.3', 'auth_worker_max_count').text).toBe('30');
    expect(defaultText('2.4', 'auth_worker_max_count').text).toBe('—');
  });
  it('throws on a typo', () => {
    expect(() => defaultText('2.4', 'proces_limit', 'imap')).toThrow(/unknown setting/);
    expect(() => defaultText('2.4', 'process_limit', 'imapd')).toThrow();
  });
});
