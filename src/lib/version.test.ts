import {describe, expect, it} from 'vitest';
import {runInNewContext} from 'node:vm';
import {parseVersion, versionInlineScript, withVersionParam} from './version';

/** Runs the inline script against a fake document, location and storage. */
function run(search: string, stored: string | null, storageThrows = false) {
  const attrs: Record<string, string> = {};
  const store: Record<string, string> = stored === null ? {} : {'dovecot-version': stored};
  const localStorage = {
    getItem: (k: string) => {
      if (storageThrows) throw new Error('blocked');
      return k in store ? store[k] : null;
    },
    setItem: (k: string, v: string) => {
      if (storageThrows) throw new Error('blocked');
      store[k] = v;
    },
  };
  const document = {documentElement: {setAttribute: (k: string, v: string) => (attrs[k] = v)}};
  runInNewContext(versionInlineScript(), {document, localStorage, location: {search}, URLSearchParams});
  return {attr: attrs['data-dovecot'], stored: store['dovecot-version']};
}

describe('version inline script', () => {
  it('defaults to 2.4 with nothing remembered', () => {
    expect(run('', null)).toEqual({attr: '2.4', stored: undefined});
  });
  it('selects and remembers 2.3 from ?v=2.3', () => {
    expect(run('?x=1&v=2.3', null)).toEqual({attr: '2.3', stored: '2.3'});
  });
  it('lets ?v=2.4 override a remembered 2.3', () => {
    expect(run('?v=2.4', '2.3')).toEqual({attr: '2.4', stored: '2.4'});
  });
  it('uses the remembered choice without a parameter', () => {
    expect(run('', '2.3').attr).toBe('2.3');
  });
  it('ignores a hostile parameter and a corrupt stored value', () => {
    expect(run('?v=%3Cscript%3E', 'nonsense')).toEqual({attr: '2.4', stored: 'nonsense'});
  });
  it('never throws when storage is blocked', () => {
    expect(() => run('?v=2.3', null, true)).not.toThrow();
  });
});

describe('parseVersion / withVersionParam', () => {
  it('accepts only the two versions', () => {
    expect(parseVersion('2.3')).toBe('2.3');
    expect(parseVersion('2.4')).toBe('2.4');
    expect(parseVersion('2.5')).toBeNull();
    expect(parseVersion(undefined)).toBeNull();
  });
  it('sets v and keeps the other parameters', () => {
    expect(withVersionParam('?a=1&v=2.4', '2.3')).toBe('?a=1&v=2.3');
    expect(withVersionParam('', '2.4')).toBe('?v=2.4');
  });
});
