/**
 * A code block's buttons (copy, word wrap), made once the block comes near the screen or the
 * reader points at, touches or focuses it. The theme makes them for every block on the page right
 * after hydration, though they stay invisible until the block is hovered or focused: on a long page
 * that is dozens of button groups the reader never sees. Like the theme's, they are never
 * server-rendered (they need JavaScript to work).
 */
import React, {useEffect, useRef, useState, type ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock/Buttons';
import Buttons from '@theme-original/CodeBlock/Buttons';
import {whenNear} from './near';

export default function CodeBlockButtons(props: Props): ReactNode {
  const marker = useRef<HTMLSpanElement>(null);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const block = marker.current?.parentElement;
    if (!block) return undefined;
    return whenNear(block, () => setWanted(true));
  }, []);
  if (wanted) return <Buttons {...props} />;
  return <span ref={marker} hidden />;
}
