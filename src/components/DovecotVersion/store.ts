/**
 * The chosen Dovecot version in the browser: read from `<html data-dovecot>`, changed with
 * `applyVersion`, observed with the `useDovecotVersion` hook. The server render always sees the
 * default; CSS shows the right content before hydration, so nothing moves when it catches up.
 */
import {useSyncExternalStore} from 'react';
import {
  DEFAULT_VERSION,
  VERSION_ATTRIBUTE,
  VERSION_EVENT,
  VERSION_STORAGE_KEY,
  parseVersion,
  versionFromSearch,
  withVersionParam,
  type DovecotVersion,
} from '@site/src/lib/version';

export function currentVersion(): DovecotVersion {
  if (typeof document === 'undefined') return DEFAULT_VERSION;
  return parseVersion(document.documentElement.getAttribute(VERSION_ATTRIBUTE)) ?? DEFAULT_VERSION;
}

/** The version the reader chose explicitly (switch or `?v=`), if any. */
export function rememberedVersion(): DovecotVersion | null {
  try {
    return parseVersion(window.localStorage.getItem(VERSION_STORAGE_KEY));
  } catch {
    return null;
  }
}

/** Shows `version` everywhere, remembers it, and writes it into the current URL. */
export function applyVersion(version: DovecotVersion): void {
  document.documentElement.setAttribute(VERSION_ATTRIBUTE, version);
  try {
    window.localStorage.setItem(VERSION_STORAGE_KEY, version);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  const {pathname, search, hash} = window.location;
  if (versionFromSearch(search) !== version) {
    window.history.replaceState(window.history.state, '', `${pathname}${withVersionParam(search, version)}${hash}`);
  }
  window.dispatchEvent(new CustomEvent(VERSION_EVENT, {detail: version}));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(VERSION_EVENT, onChange);
  return () => window.removeEventListener(VERSION_EVENT, onChange);
}

export function useDovecotVersion(): DovecotVersion {
  return useSyncExternalStore(subscribe, currentVersion, () => DEFAULT_VERSION);
}
