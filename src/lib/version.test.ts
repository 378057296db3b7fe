import {describe, expect, it} from 'vitest';
import {runInNewContext} from 'node:vm';
import {parseVersion, versionFromSearch, versionInlineScript, withVersionParam} from './version';

type Click = (ev: {target: unknown}) => void;

/**
 * Runs the inline script against a fake document, location, history and storage. A blocked
 * storage throws on any access to `localStorage`, as Chromium does when site data is blocked.
 * Returns what it set, and the click handler it registered on the document.
 */
function load(search: string, stored: string | null, storageThrows = false) {
  const attrs: Record<string, string> = {};
  const store: Record<string, string> = stored === null ? {} : {'dovecot-version': stored};
  const storage = {
    getItem: (k: string) => (k in store ? store[k] : null),
    setItem: (k: string, v: string) => void (store[k] = v),
  };
  const clicks: {handler?: Click; capture?: boolean} = {};
  const document = {
    documentElement: {setAttribute: (k: string, v: string) => (attrs[k] = v)},
    addEventListener: (type: string, handler: Click, capture: boolean) => {
      if (type === 'click') Object.assign(clicks, {handler, capture});
    },
  };
  const location = {pathname: '/services', search, hash: '#top'};
  const urls: string[] = [];
  const events: {type: string; detail: unknown}[] = [];
  const history = {state: {k: 1}, replaceState: (_s: unknown, _t: string, url: string) => void urls.push(url)};
  class CustomEvent {
    constructor(
      public type: string,
      public init: {detail: unknown},
    ) {}
  }
  const window = {dispatchEvent: (e: CustomEvent) => void events.push({type: e.type, detail: e.init.detail})};
  const context = {document, location, history, window, CustomEvent};
  Object.defineProperty(context, 'localStorage', {
    get() {
      if (storageThrows) throw new Error('SecurityError: access to localStorage is denied');
      return storage;
    },
  });
  runInNewContext(versionInlineScript(), context);
  /** A click on an element inside a button whose data-dv-set is `set` (null: a click elsewhere). */
  const click = (set: string | null) => {
    const button = {getAttribute: (k: string) => (k === 'data-dv-set' ? set : null)};
    clicks.handler!({target: {closest: (sel: string) => (sel === '[data-dv-set]' && set !== null ? button : null)}});
  };
  return {attrs, store, urls, events, clicks, click};
}

function run(search: string, stored: string | null, storageThrows = false) {
  const {attrs, store} = load(search, stored, storageThrows);
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

describe('the version switch, handled by the inline script', () => {
  it('listens in the capture phase, so it runs before any handler of the page', () => {
    expect(load('', null).clicks.capture).toBe(true);
  });
  it('applies a clicked version: attribute, storage, URL and change event', () => {
    const s = load('?a=1', null);
    s.click('2.3');
    expect(s.attrs['data-dovecot']).toBe('2.3');
    expect(s.store['dovecot-version']).toBe('2.3');
    expect(s.urls).toEqual(['/services?a=1&v=2.3#top']);
    expect(s.events).toEqual([{type: 'dovecot-version-change', detail: '2.3'}]);
  });
  it('ignores clicks elsewhere and buttons that name no valid version', () => {
    const s = load('', null);
    s.click(null);
    s.click('<img src=x onerror=alert(1)>');
    s.click('2.5');
    expect(s.attrs['data-dovecot']).toBe('2.4');
    expect(s.urls).toEqual([]);
    expect(s.events).toEqual([]);
  });
  it('still switches when storage is blocked', () => {
    const s = load('', null, true);
    s.click('2.3');
    expect(s.attrs['data-dovecot']).toBe('2.3');
    expect(s.urls).toEqual(['/services?v=2.3#top']);
  });
  // The URL it writes is the one withVersionParam writes (the rest of the site's single rule),
  // and it leaves a URL alone whose first v already reads as the version, as applyVersion does.
  const queries = ['', '?a=1', '?a=1&v=2.4', '?s=1;v=2.4;cl=10;pl=5', '?s=1;cl=10;pl=5', '?q=a%20b+c&flag&x=%zz', '?v=junk&v=2.4', '?v&a=1', '?v=2%2E3', '?v=%', '?vv=2.3', '?a=1;v=2.3&b=2', '?v=2.3'];
  for (const q of queries) {
    for (const w of ['2.3', '2.4'] as const) {
      it(`agrees with withVersionParam on ${q || '(no query)'} → ${w}`, () => {
        const s = load(q, null);
        s.click(w);
        expect(s.urls).toEqual(versionFromSearch(q) === w ? [] : [`/services${withVersionParam(q, w)}#top`]);
      });
    }
  }
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
