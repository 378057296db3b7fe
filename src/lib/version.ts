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

/** Returns `search` (with or without its `?`) with `v` set to `version`, other parameters kept. */
export function withVersionParam(search: string, version: DovecotVersion): string {
  const params = new URLSearchParams(search);
  params.set(VERSION_PARAM, version);
  return `?${params.toString()}`;
}

/**
 * The script placed in `<head>`: `?v=` wins and is remembered, otherwise the remembered choice,
 * otherwise the default. Kept tiny and dependency-free; a failure (storage blocked) leaves the
 * default in place.
 */
export function versionInlineScript(): string {
  return (
    `(function(){try{var d=document.documentElement,k=${JSON.stringify(VERSION_STORAGE_KEY)},` +
    `p=new URLSearchParams(location.search).get(${JSON.stringify(VERSION_PARAM)}),v=null;` +
    `if(p==='2.3'||p==='2.4'){v=p;localStorage.setItem(k,p)}else{v=localStorage.getItem(k)}` +
    `d.setAttribute(${JSON.stringify(VERSION_ATTRIBUTE)},v==='2.3'||v==='2.4'?v:${JSON.stringify(DEFAULT_VERSION)})` +
    `}catch(e){}})();`
  );
}
