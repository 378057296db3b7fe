/**
 * Keeps a malformed address from crashing the page. Docusaurus decodes the fragment with an
 * unguarded decodeURIComponent after every navigation (scrollAfterNavigation in
 * @docusaurus/core's ClientLifecyclesDispatcher), and the router decodes the path, so `#z=abc%`
 * typed in the same tab replaced the page with "This page crashed – URI malformed". Before the
 * router reads a new address (on load and in the capture phase of popstate, which runs ahead of
 * the router's own listener), broken escapes are made literal with history.replaceState, and a
 * notice says so. Nothing else about the address changes.
 */
import {repairPercentEncoding} from '../lib/uri';

const NOTICE_ID = 'dv-uri-notice';

function showNotice(): void {
  if (document.getElementById(NOTICE_ID)) return;
  const box = document.createElement('div');
  box.id = NOTICE_ID;
  box.className = 'dv-uri-notice alert alert--warning';
  box.setAttribute('role', 'status');
  const text = document.createElement('span');
  text.textContent = 'This address had a stray “%” that is not valid percent-encoding; it was read as a plain “%”.';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button button--sm button--secondary';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => box.remove());
  box.append(text, ' ', close);
  document.body.append(box);
}

function guard(): void {
  const {pathname, search, hash} = window.location;
  const path = repairPercentEncoding(pathname);
  const fragment = repairPercentEncoding(hash);
  if (path === pathname && fragment === hash) return;
  window.history.replaceState(window.history.state, '', `${path}${search}${fragment}`);
  showNotice();
}

if (typeof window !== 'undefined') {
  guard();
  window.addEventListener('popstate', guard, true);
  window.addEventListener('hashchange', guard, true);
}

export {};
