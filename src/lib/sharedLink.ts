/**
 * A page opened from a link that carries widget state (`/generator?…&imap=5000`,
 * `/explain#z=…`) must never show another state as if it were the answer. Until the widget has
 * read its link and shown that state, `<html data-link-state="loading">` is set: set before first
 * paint by the tiny inline script below, removed by the widget once the link's state is drawn.
 * CSS keyed on it (src/css/custom.css) dims the output, shows "loading" and makes Copy and
 * Download inert. Pure: the script is a string, the rule is a function of the URL's parts.
 */
import {VERSION_PARAM} from './version';

export const LINK_STATE_ATTRIBUTE = 'data-link-state';
export const LINK_STATE_LOADING = 'loading';

/** Widget pages whose state lives in the query string, and the parameters that carry none. */
export const QUERY_STATE_PATHS = ['/calculator', '/generator'] as const;
const STATELESS_PARAMS = ['s', VERSION_PARAM] as const;
/** Widget pages whose state lives in the #fragment (`z=` is the shared text). */
export const FRAGMENT_STATE_PATHS = ['/explain'] as const;

/**
 * Whether a URL carries widget state its page must read before it shows an answer: a query
 * parameter other than the schema and Dovecot versions on a query-state page, or `z=` in the
 * fragment of a fragment-state page.
 */
export function carriesWidgetState(pathname: string, search: string, hash: string): boolean {
  const path = pathname.replace(/\/+$/, '');
  if ((QUERY_STATE_PATHS as readonly string[]).includes(path)) {
    for (const key of new URLSearchParams(search).keys()) {
      if (!(STATELESS_PARAMS as readonly string[]).includes(key)) return true;
    }
    return false;
  }
  if ((FRAGMENT_STATE_PATHS as readonly string[]).includes(path)) {
    return new URLSearchParams(hash.replace(/^#/, '')).has('z');
  }
  return false;
}

/** The inline `<head>` script: carriesWidgetState, written out in plain ES5 (a test runs both). */
export function sharedLinkInlineScript(): string {
  const q = JSON.stringify(QUERY_STATE_PATHS);
  const f = JSON.stringify(FRAGMENT_STATE_PATHS);
  const stateless = JSON.stringify(STATELESS_PARAMS);
  return (
    `(function(){try{var l=location,p=l.pathname.replace(/\\/+$/,''),s=false,k;` +
    `if(${q}.indexOf(p)>=0){new URLSearchParams(l.search).forEach(function(v,n){if(${stateless}.indexOf(n)<0)s=true})}` +
    `else if(${f}.indexOf(p)>=0){s=new URLSearchParams(l.hash.replace(/^#/,'')).has('z')}` +
    `if(s)document.documentElement.setAttribute(${JSON.stringify(LINK_STATE_ATTRIBUTE)},${JSON.stringify(LINK_STATE_LOADING)})` +
    `}catch(e){}})();`
  );
}
