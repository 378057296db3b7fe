/**
 * Which clicks on a plain `<a>` the site may turn into a client-side navigation, as Docusaurus's
 * <Link> would. Used for links in server markup that React does not own (src/components/StaticRun):
 * without it, following them would reload the whole page.
 */
export type LinkClick = {
  href: string;
  target: string | null;
  download: boolean;
  button: number;
  modified: boolean;
  defaultPrevented: boolean;
};

/**
 * The path (with query and fragment) to push onto the router's history, or null to let the
 * browser follow the link itself: other origins, new tabs and windows, downloads, modified or
 * non-primary clicks, and links that only change the fragment of the current page.
 */
export function clientSidePath(click: LinkClick, current: string): string | null {
  if (click.defaultPrevented || click.button !== 0 || click.modified || click.download) return null;
  if (click.target !== null && click.target !== '' && click.target !== '_self') return null;
  let here: URL;
  let to: URL;
  try {
    here = new URL(current);
    to = new URL(click.href, here);
  } catch {
    return null;
  }
  if (to.origin !== here.origin || (to.protocol !== 'http:' && to.protocol !== 'https:')) return null;
  if (to.pathname === here.pathname && to.search === here.search) return null;
  return `${to.pathname}${to.search}${to.hash}`;
}
