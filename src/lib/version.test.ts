import {describe, expect, it} from 'vitest';
import {runInNewContext} from 'node:vm';
import {parseVersion, versionFromSearch, versionInlineScript, withVersionParam} from './version';

/**
 * Runs the inline script against a fake document, location and storage. A blocked storage throws
 * on any access to `localStorage`, as Chromium does when site data is blocked.
 */
function run(search: string, stored: string | null, storageThrows = false) {
  const attrs: Record<string, string> = {};
  const store: Record<string, string> = stored === null ? {} : {'dovecot-version': stored};
  const storage = {
    getItem: (k: string) => (k in store ? store[k] : null),
    setItem: (k: string, v: string) => void (store[k] = v),
  };
  const document = {documentElement: {setAttribute: (k: string, v: string) => (attrs[k] = v)}};
  const context = {document, location: {search}};
  Object.defineProperty(context, 'localStorage', {
    get() {
      if (storageThrows) throw new Error('SecurityError: access to localStorage is denied');
      return storage;
    },
  });
  runInNewContext(versionInlineScript(), context);
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
  it('shows the linked version when storage is blocked, and the default without one', () => {
    expect(run('?v=2.3', null, true)).toEqual({attr: '2.3', stored: undefined});
    expect(run('', '2.3', true)).toEqual({attr: '2.4', stored: '2.3'});
  });
  it('reads v from a widget link separated by ;, and only the first v', () => {
    expect(run('?s=1;v=2.3;cl=10', null)).toEqual({attr: '2.3', stored: '2.3'});
    expect(run('?v=2.3&v=2.4', null).attr).toBe('2.3');
    expect(run('?vv=2.3&xv=2.3', null).attr).toBe('2.4');
    expect(run('?v=2%2E3', null).attr).toBe('2.3');
    expect(run('?v=%', '2.3').attr).toBe('2.3');
    expect(run('?v', '2.3').attr).toBe('2.3');
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
    expect(withVersionParam('?', '2.4')).toBe('?v=2.4');
    expect(withVersionParam('a=1', '2.4')).toBe('?a=1&v=2.4');
  });
  it('changes nothing but v, byte for byte', () => {
    expect(withVersionParam('?s=1;v=2.4;cl=10;pl=5', '2.3')).toBe('?s=1;v=2.3;cl=10;pl=5');
    expect(withVersionParam('?s=1;v=2.4;cl=10;pl=5', '2.4')).toBe('?s=1;v=2.4;cl=10;pl=5');
    expect(withVersionParam('?s=1;cl=10;pl=5', '2.3')).toBe('?s=1;cl=10;pl=5&v=2.3');
    expect(withVersionParam('?q=a%20b+c&flag&x=%zz', '2.3')).toBe('?q=a%20b+c&flag&x=%zz&v=2.3');
    expect(withVersionParam('?v=junk&v=2.4', '2.3')).toBe('?v=2.3&v=2.4');
    expect(withVersionParam('?v&a=1', '2.3')).toBe('?v=2.3&a=1');
  });
  it('reads v as the widgets do', () => {
    expect(versionFromSearch('?s=1;v=2.3;cl=10')).toBe('2.3');
    expect(versionFromSearch('s=1&v=2.4')).toBe('2.4');
    expect(versionFromSearch('?v=2.5')).toBeNull();
    expect(versionFromSearch('?v=2.5&v=2.3')).toBeNull();
    expect(versionFromSearch('?v=%')).toBeNull();
    expect(versionFromSearch('')).toBeNull();
  });
});
