/**
 * Server half of a static island (see ./browser.tsx): the real component, rendered inside the
 * wrapper element the browser half hydrates against.
 */
import React, {type ComponentType} from 'react';

export type IslandTag = 'div' | 'span';

export function serverIsland<P extends object>(tag: IslandTag, name: string, Component: ComponentType<P>) {
  const Tag = tag;
  return function ServerIsland(props: P): React.ReactElement {
    return (
      <Tag className="static-island" data-island={name}>
        <Component {...props} />
      </Tag>
    );
  };
}
