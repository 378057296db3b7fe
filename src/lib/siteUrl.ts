/**
 * The site's public address, from one setting: the `SITE_URL` environment variable at build
 * time (read by docusaurus.config.ts). It goes into the sitemap, canonical links and the links the
 * widgets write into the static HTML; in a browser the widgets use the address the page is
 * served from instead. Only an origin is accepted (scheme, host, optional port): the site is
 * built for the root path.
 */

export const DEFAULT_SITE_URL = 'https://dovecot-services.example.org';

/** The origin `value` names, or the default when unset; throws a sentence naming the problem. */
export function siteUrlFrom(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`SITE_URL=${JSON.stringify(text)} is not a URL; write it like https://wiki.example.net`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL=${JSON.stringify(text)}: only http and https addresses are served`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error(`SITE_URL=${JSON.stringify(text)}: give the origin only (like ${url.origin}); the site is built for the root path`);
  }
  return url.origin;
}
