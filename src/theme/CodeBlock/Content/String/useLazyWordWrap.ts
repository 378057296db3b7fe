/**
 * The code block's word-wrap state, as the theme's `useCodeWordWrap` keeps it, but checked only
 * when the block is near the screen. The theme measures every block right after hydration (one
 * forced layout and one re-render of each scrollable block: on a long page, dozens of blocks the
 * reader is far from) and watches for a hidden tab becoming visible; here a block is measured each
 * time it comes within a screen of the viewport (which also covers a hidden version or tab being
 * shown), when the window is resized, and after the reader toggles wrapping. The wrap button sits
 * in the block's buttons, which are made only when the block is near too (../../Buttons).
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {useCodeWordWrap} from '@docusaurus/theme-common/internal';
import {eachTimeNear} from '../../Buttons/near';

/** What the theme's own hook gives the code block's context. */
type WordWrap = ReturnType<typeof useCodeWordWrap>;

export function useLazyWordWrap(): WordWrap {
  const [isEnabled, setIsEnabled] = useState(false);
  const [isCodeScrollable, setIsCodeScrollable] = useState(false);
  const codeBlockRef = useRef<HTMLPreElement>(null);

  const measure = useCallback(() => {
    const pre = codeBlockRef.current;
    if (!pre) return;
    setIsCodeScrollable(pre.scrollWidth > pre.clientWidth || Boolean(pre.querySelector('code')?.hasAttribute('style')));
  }, []);

  const toggle = useCallback(() => {
    const code = codeBlockRef.current?.querySelector('code');
    if (!code) return;
    if (isEnabled) code.removeAttribute('style');
    else {
      code.style.whiteSpace = 'pre-wrap';
      // very long words or tokens wrap too, so no scrollbar is left
      code.style.overflowWrap = 'anywhere';
    }
    setIsEnabled((v) => !v);
    // the style is set on the element already: measure the block as it now is
    measure();
  }, [isEnabled, measure]);

  useEffect(() => {
    const pre = codeBlockRef.current;
    if (!pre) return undefined;
    const stop = eachTimeNear(pre, measure);
    window.addEventListener('resize', measure, {passive: true});
    return () => {
      stop();
      window.removeEventListener('resize', measure);
    };
  }, [measure]);

  return {codeBlockRef, isEnabled, isCodeScrollable, toggle};
}
