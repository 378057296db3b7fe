/**
 * The code block's word-wrap state, as the theme's `useCodeWordWrap` keeps it, but checked only
 * when the block is near the screen. The theme measures every block right after hydration (one
 * forced layout and one re-render of each scrollable block: on a long page, dozens of blocks the
 * reader is far from) and watches for a hidden tab becoming visible; here a block is measured each
 * time it comes within a screen of the viewport (which also covers a hidden version or tab being
 * shown), when the window is resized, and after the reader toggles wrapping. The wrap button sits
 * in the block's buttons, which are made only when the block is near too (../../Buttons).
 */
import {useCallback, useEffect, useRef, useState, type RefObject} from 'react';
import {eachTimeNear} from '../../Buttons/near';

export type WordWrap = {
  codeBlockRef: RefObject<HTMLPreElement | null>;
  isEnabled: boolean;
  isCodeScrollable: boolean;
  toggle: () => void;
};

export function useLazyWordWrap(): WordWrap {
  const [isEnabled, setIsEnabled] = useState(false);
  const [isCodeScrollable, setIsCodeScrollable] = useState(false);
  const codeBlockRef = useRef<HTMLPreElement>(null);

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
  }, [isEnabled]);

  const measure = useCallback(() => {
    const pre = codeBlockRef.current;
    if (!pre) return;
    setIsCodeScrollable(pre.scrollWidth > pre.clientWidth || Boolean(pre.querySelector('code')?.hasAttribute('style')));
  }, []);

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

  // after a toggle (not at mount: the block is measured when it comes near)
  const toggled = useRef(false);
  useEffect(() => {
    if (toggled.current) measure();
    toggled.current = true;
  }, [isEnabled, measure]);

  return {codeBlockRef, isEnabled, isCodeScrollable, toggle};
}
