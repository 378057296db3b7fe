/**
 * A stretch of a page that never changes in the browser (grouped at build time by
 * plugins/rehype-static-runs.ts). While React hydrates a page the server sent, the run keeps the
 * server's markup and stays out of React's tree (React leaves an element's innerHTML alone when
 * hydrating it), so the reader does not wait for text to be hydrated. Its links are plain `<a>`
 * elements then: a click on an internal one is turned into a client-side navigation here, and
 * pointing at one preloads its page, as <Link> does. Rendered without server markup (client-side
 * navigation, the development server) the run renders its children as usual.
 * `display: contents` (src/css/custom.css) keeps the wrapper out of the layout.
 */
import React, {type MouseEvent, type ReactNode} from 'react';
import {useHistory} from '@docusaurus/router';
import {clientSidePath} from '@site/src/lib/inPageNavigation';
import {useKeptServerMarkup} from '../StaticIsland/useKeptServerMarkup';

type Docusaurus = {preload?: (path: string) => unknown};

function anchorOf(target: EventTarget | null): HTMLAnchorElement | null {
  return target instanceof Element ? target.closest('a[href]') : null;
}

function pathOf(e: MouseEvent<HTMLDivElement>, a: HTMLAnchorElement): string | null {
  return clientSidePath(
    {
      href: a.href,
      target: a.getAttribute('target'),
      download: a.hasAttribute('download'),
      button: e.button,
      modified: e.metaKey || e.ctrlKey || e.shiftKey || e.altKey,
      defaultPrevented: e.defaultPrevented,
    },
    window.location.href,
  );
}

export default function StaticRun({children}: {children?: ReactNode}): React.ReactElement {
  const {ref, kept} = useKeptServerMarkup<HTMLDivElement>();
  const history = useHistory();
  if (!kept) return <div className="static-run">{children}</div>;

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = anchorOf(e.target);
    const path = a && pathOf(e, a);
    if (!path) return;
    e.preventDefault();
    history.push(path);
  };
  const preload = (e: {target: EventTarget | null}) => {
    const a = anchorOf(e.target);
    if (!a || a.origin !== window.location.origin) return;
    (window as unknown as {docusaurus?: Docusaurus}).docusaurus?.preload?.(a.pathname);
  };
  return (
    // The handlers only take over what a link inside would do; keyboard users reach and follow
    // the links themselves (Enter on a link is a click).
    <div
      ref={ref}
      className="static-run"
      dangerouslySetInnerHTML={{__html: ''}}
      suppressHydrationWarning
      onClick={onClick}
      onMouseOver={preload}
      onTouchStart={preload}
    />
  );
}
