/**
 * The site-wide Dovecot version choice: names, defaults and the tiny inline script that applies
 * it before first paint. Version-dependent content is rendered for both versions and shown by
 * CSS keyed on `<html data-dovecot="…">`, so reading either version needs no JavaScript.
 */

export const DOVECOT_VERSIONS = ['2.4', '2.3'] as const;
export type DovecotVersion = (typeof DOVECOT_VERSIONS)[number];
export const DEFAULT_VERSION: DovecotVersion = '2.4';

/** The attribute on `<html>`, the localStorage key, the URL parameter and the change event. */
export const VERSION_ATTRIBUTE = 'data-dovecot';
export const VERSION_STORAGE_KEY = 'dovecot-version';
export const VERSION_PARAM = 'v';
export const VERSION_EVENT = 'dovecot-version-change';

/** The builds every fact on the site was checked against. */
export const CHECKED_BUILDS: Record<DovecotVersion, string> = {'2.3': '2.3.19.1', '2.4': '2.4.1'};

export function parseVersion(value: unknown): DovecotVersion | null {
  return value === '2.3' || value === '2.4' ? value : null;
}

function decodeValue(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The query's parameters as the widgets' links read them: split on `&` and `;`, each with its
 * place in the query text, so that one can be changed without touching the others.
 */
function params(query: string): {key: string; value: string; start: number; end: number}[] {
  const out: {key: string; value: string; start: number; end: number}[] = [];
  let start = 0;
  for (const piece of query.split(/[&;]/)) {
    const eq = piece.indexOf('=');
    out.push({
      key: eq < 0 ? piece : piece.slice(0, eq),
      value: eq < 0 ? '' : decodeValue(piece.slice(eq + 1)),
      start,
      end: start + piece.length,
    });
    start += piece.length + 1;
  }
  return out;
}

/** The version a query (`?a=1&v=2.3`, `?s=1;v=2.3`) names with its first `v`, if valid. */
export function versionFromSearch(search: string): DovecotVersion | null {
  const v = params(search.replace(/^\?/, '')).find((p) => p.key === VERSION_PARAM);
  return v ? parseVersion(v.value) : null;
}

/**
 * Returns `search` (with or without its `?`) with its first `v` set to `version`, or `v` added at
 * the end. Only that parameter's text changes: every other byte of the query is kept as it was
 * (a widget's `;`-separated link, a search query's own escapes), so this never rewrites a query
 * it does not own.
 */
export function withVersionParam(search: string, version: DovecotVersion): string {
  const query = search.replace(/^\?/, '');
  if (query === '') return `?${VERSION_PARAM}=${version}`;
  const v = params(query).find((p) => p.key === VERSION_PARAM);
  if (!v) return `?${query}&${VERSION_PARAM}=${version}`;
  return `?${query.slice(0, v.start)}${VERSION_PARAM}=${version}${query.slice(v.end)}`;
}

/**
 * The script placed in `<head>`. On load: the first `v` of the query (split on `&` and `;`, as
 * versionFromSearch does) wins and is remembered, otherwise the remembered choice, otherwise the
 * default. The attribute is set before storage is touched, so a blocked storage (which throws on
 * any access) still shows the version the link names.
 * It also owns the navbar switch: a click on a `[data-dv-set]` button applies that version as
 * `applyVersion` does (attribute, storage, URL, change event), so the switch works from the first
 * paint, before React has hydrated the page, and the same way after. Kept tiny and dependency-free.
 */
export function versionInlineScript(): string {
  const attr = JSON.stringify(VERSION_ATTRIBUTE);
  const param = JSON.stringify(VERSION_PARAM);
  return (
    `(function(){var d=document.documentElement,k=${JSON.stringify(VERSION_STORAGE_KEY)},f,p,v;` +
    `function ok(x){return x==='2.3'||x==='2.4'}` +
    // the first v of a query: its decoded value and where its text starts and ends
    `function find(q){var s=q.split(/[&;]/),at=0,i,e,x;for(i=0;i<s.length;i++){e=s[i].indexOf('=');` +
    `if((e<0?s[i]:s[i].slice(0,e))===${param}){x=e<0?'':s[i].slice(e+1);` +
    `try{x=decodeURIComponent(x.replace(/\\+/g,' '))}catch(y){}return{v:x,start:at,end:at+s[i].length}}` +
    `at+=s[i].length+1}return null}` +
    `f=find(location.search.slice(1));p=f&&ok(f.v)?f.v:null;` +
    `d.setAttribute(${attr},p||${JSON.stringify(DEFAULT_VERSION)});` +
    `try{if(p)localStorage.setItem(k,p);else{v=localStorage.getItem(k);if(ok(v))d.setAttribute(${attr},v)}}catch(x){}` +
    `document.addEventListener('click',function(ev){var t=ev.target,b=t&&t.closest?t.closest('[data-dv-set]'):null,w,q;` +
    `if(!b)return;w=b.getAttribute('data-dv-set');if(!ok(w))return;` +
    `d.setAttribute(${attr},w);try{localStorage.setItem(k,w)}catch(x){}` +
    `q=location.search.slice(1);f=find(q);` +
    `if(!f||f.v!==w){q=q===''?${param}+'='+w:f?q.slice(0,f.start)+${param}+'='+w+q.slice(f.end):q+'&'+${param}+'='+w;` +
    `history.replaceState(history.state,'',location.pathname+'?'+q+location.hash)}` +
    `window.dispatchEvent(new CustomEvent(${JSON.stringify(VERSION_EVENT)},{detail:w}))},true);` +
    `})();`
  );
}
