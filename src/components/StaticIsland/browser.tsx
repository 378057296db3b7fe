/**
 * Browser half of a static island: content that never changes after the server rendered it
 * (defaults from the catalog, measured tables). A page that comes from the server keeps the
 * server's markup (React leaves an element's innerHTML alone when hydrating it), so the browser
 * never downloads the component or its data. Only a page reached by client-side navigation, which
 * has no server markup, loads the component, lazily.
 */
import React, {useEffect, useRef, useState, type ComponentType} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import type {IslandTag} from './server';

export function browserIsland<P extends object>(tag: IslandTag, name: string, load: () => Promise<ComponentType<P>>) {
  const Tag = tag;
  return function BrowserIsland(props: P): React.ReactElement {
    // false while hydrating server markup, true when mounted by client-side navigation
    const fresh = useRef(useIsBrowser()).current;
    const [Component, setComponent] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      if (!fresh) return undefined;
      let live = true;
      load().then(
        (c) => live && setComponent(() => c),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, [fresh]);
    if (!fresh) return <Tag className="static-island" data-island={name} dangerouslySetInnerHTML={{__html: ''}} suppressHydrationWarning />;
    return (
      <Tag className="static-island" data-island={name}>
        {Component ? <Component {...props} /> : null}
      </Tag>
    );
  };
}
