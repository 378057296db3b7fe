/**
 * The table of contents keeps its server markup while the page hydrates, as the page's text does
 * (src/components/StaticRun): its entries are links to headings of this page, which the browser
 * follows by itself, and the theme marks the active entry by class on the DOM, not through React.
 * A later render with another table (a page reached by client-side navigation) renders as usual.
 */
import React, {useRef, type ComponentProps} from 'react';
import Tree from '@theme-original/TOCItems/Tree';
import {useKeptServerMarkup} from '@site/src/components/StaticIsland/useKeptServerMarkup';

type Props = ComponentProps<typeof Tree>;

export default function TOCItemTree(props: Props): React.ReactElement | null {
  const first = useRef(props.toc);
  const {ref, kept} = useKeptServerMarkup<HTMLUListElement>(() => !props.isChild && props.toc.length > 0);
  if (kept && props.toc === first.current) {
    return <ul ref={ref} className={props.className} dangerouslySetInnerHTML={{__html: ''}} suppressHydrationWarning />;
  }
  return <Tree {...props} />;
}
