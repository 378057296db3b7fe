/**
 * The widget side of src/lib/sharedLink.ts: a page opened from a link with widget state is marked
 * `<html data-link-state="loading">` before first paint; the widget removes the mark once it has
 * drawn the link's state. Meanwhile `<LinkLoading>` says so, `data-link-hide` parts (the output
 * drawn for the defaults) are hidden, `data-link-dim` parts (the form, Copy, Download) are dimmed
 * and inert (src/css/custom.css), and the actions also check `linkStateLoading()` in case a key
 * reaches them.
 */
import React, {useLayoutEffect} from 'react';
import {LINK_STATE_ATTRIBUTE, LINK_STATE_LOADING, carriesWidgetState} from '@site/src/lib/sharedLink';
import styles from './form.module.css';

/** Whether the page still waits for its link's state. */
export function linkStateLoading(): boolean {
  return typeof document !== 'undefined' && document.documentElement.hasAttribute(LINK_STATE_ATTRIBUTE);
}

/**
 * Marks the page on the widget's first render, before paint, when its URL carries state: the inline
 * script does this on a page load, this covers arriving by client-side navigation (a router link
 * from another page), where no script runs.
 */
export function useMarkSharedLink(enabled = true): void {
  // a layout effect: it runs before the browser paints the first render (never on the server)
  useLayoutEffect(() => {
    const {pathname, search, hash} = window.location;
    if (enabled && carriesWidgetState(pathname, search, hash)) {
      document.documentElement.setAttribute(LINK_STATE_ATTRIBUTE, LINK_STATE_LOADING);
    }
  }, [enabled]);
}

/** The widget has drawn its link's state. */
export function linkStateShown(): void {
  document.documentElement.removeAttribute(LINK_STATE_ATTRIBUTE);
}

/** The output's "loading" line, shown only while the mark is set. */
export function LinkLoading({children}: {children: React.ReactNode}): React.ReactElement {
  return (
    <p className={styles.linkLoading} data-link-loading="">
      {children}
    </p>
  );
}
