/**
 * Browser build: the link keeps its server markup (../../StaticIsland). Where there is none (a
 * page reached by client-side navigation), the text is compressed here with the browser's own
 * CompressionStream, as the explainer's Share link does.
 */
import React, {useEffect, useState} from 'react';
import {browserIsland} from '../../StaticIsland/browser';
import {EXPLAIN_PATH, ExplainLineLink, type ExplainLineProps} from '..';

function ExplainLineBrowser({text, version}: ExplainLineProps): React.ReactElement {
  const [href, setHref] = useState(EXPLAIN_PATH);
  useEffect(() => {
    let live = true;
    void import('@site/src/lib/dovecot/explain/share').then(({encodeShare}) =>
      encodeShare(text, version).then((r) => {
        if (live && r.ok) setHref(`${EXPLAIN_PATH}#${r.fragment}`);
      }),
    );
    return () => {
      live = false;
    };
  }, [text, version]);
  return <ExplainLineLink href={href} text={text} />;
}

export const ExplainLine = browserIsland<ExplainLineProps>('div', 'ExplainLine', () => Promise.resolve(ExplainLineBrowser));
