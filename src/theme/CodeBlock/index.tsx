/**
 * Docusaurus's code block without its remount after hydration. The theme keys each block on
 * "rendered in the browser yet?", so every block on a page is thrown away and rendered again
 * once the page has hydrated: its reason is inline colours from the server render that only match
 * the light theme. This site's colours come from a stylesheet keyed on `<html data-theme>`
 * (./Content), so the server's block is already right, and hydrating it once is enough.
 */
import React, {isValidElement, type ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';

/** The children as one string when they are only text, so the block can be copied (as the theme does). */
function textOf(children: ReactNode): ReactNode {
  if (React.Children.toArray(children).some((el) => isValidElement(el))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({children, ...props}: Props): ReactNode {
  const content = textOf(children);
  return typeof content === 'string' ? <StringContent {...props}>{content}</StringContent> : <ElementContent {...props}>{content}</ElementContent>;
}
