/**
 * Wraps every page. Without JavaScript the version switch cannot run: a note says which version
 * is shown and offers the 2.3 text through a CSS-only link (`#dovecot-2.3` + `:target`).
 * Its effect marks the end of hydration (../components/StaticIsland/hydration) and then replays
 * what the reader typed and tapped before it (src/lib/earlyInput.ts), once every provider above
 * has run its effects too.
 */
import React, {useEffect, type ReactNode} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {markHydrated} from '@site/src/components/StaticIsland/hydration';
import {replayEarlyInput} from '@site/src/lib/earlyInput';

export default function Root({children}: {children: ReactNode}): React.ReactElement {
  useEffect(markHydrated, []);
  // Docusaurus renders the page once more when it knows it runs in the browser, and widgets read
  // their state from the URL then: the replay comes after that render, or it would be undone.
  const isBrowser = useIsBrowser();
  useEffect(() => {
    if (!isBrowser) return undefined;
    const t = window.setTimeout(replayEarlyInput, 0);
    return () => window.clearTimeout(t);
  }, [isBrowser]);
  return (
    <>
      <noscript>
        <div className="dv-noscript" id="dovecot-2.3" role="note">
          <span className="dv-24">
            This page shows Dovecot 2.4. <a href="#dovecot-2.3">Show Dovecot 2.3 instead</a> (or turn on JavaScript
            to use the version switch).
          </span>
          <span className="dv-23">
            This page shows Dovecot 2.3. <a href="#">Back to Dovecot 2.4</a>.
          </span>
        </div>
      </noscript>
      {children}
    </>
  );
}
