/**
 * Wraps every page. Without JavaScript the version switch cannot run: a note says which version
 * is shown and offers the 2.3 text through a CSS-only link (`#dovecot-2.3` + `:target`).
 * Its effect marks the end of hydration (../components/StaticIsland/hydration) and then replays a
 * tap on a button made before it (src/lib/earlyClicks.ts), once every provider above has run its
 * effects too.
 */
import React, {useEffect, type ReactNode} from 'react';
import {markHydrated} from '@site/src/components/StaticIsland/hydration';
import {replayEarlyClick} from '@site/src/lib/earlyClicks';

export default function Root({children}: {children: ReactNode}): React.ReactElement {
  useEffect(() => {
    markHydrated();
    const t = window.setTimeout(replayEarlyClick, 0);
    return () => window.clearTimeout(t);
  }, []);
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
