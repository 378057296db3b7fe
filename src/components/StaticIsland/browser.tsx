/**
 * Browser half of a static island: content that never changes after the server rendered it
 * (defaults from the catalog, measured tables). A page that comes from the server keeps the
 * server's markup (React leaves an element's innerHTML alone when hydrating it), so the browser
 * never downloads the component or its data. Where there is no server markup — a page reached by
 * client-side navigation, or the development server, which renders in the browser only — the
 * island finds itself empty after mounting and loads the component lazily.
 */
import React, {useEffect, useState, type ComponentType} from 'react';
import {useKeptServerMarkup} from './useKeptServerMarkup';
import type {IslandTag} from './server';

export function browserIsland<P extends object>(tag: IslandTag, name: string, load: () => Promise<ComponentType<P>>) {
  const Tag = tag;
  return function BrowserIsland(props: P): React.ReactElement {
    const {ref, kept} = useKeptServerMarkup<HTMLElement>();
    const [Component, setComponent] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      if (kept) return undefined;
      let live = true;
      load().then(
        (c) => live && setComponent(() => c),
        () => undefined,
      );
      return () => {
        live = false;
      };
    }, [kept]);
    if (kept) {
      return (
        <Tag
          ref={ref as React.RefObject<HTMLDivElement & HTMLSpanElement>}
          className="static-island"
          data-island={name}
          dangerouslySetInnerHTML={{__html: ''}}
          suppressHydrationWarning
        />
      );
    }
    return (
      <Tag className="static-island" data-island={name}>
        {Component ? <Component {...props} /> : null}
      </Tag>
    );
  };
}
