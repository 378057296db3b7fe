/**
 * "Explain my line" under a message the troubleshooting page quotes (plugins/remark-explain-links.ts
 * puts one after every text block): a link that opens /explain with the block's lines in the
 * explainer's share fragment. A plain link: the explainer page loads afresh and marks itself as
 * opening a shared link until the text is read (src/lib/sharedLink.ts). The fragment is made at
 * build time (./island), so the page's JavaScript carries only the text, which it has anyway.
 */
import React from 'react';
import type {DovecotVersion} from '@site/src/lib/version';

export type ExplainLineProps = {
  /** The quoted lines, as the code block shows them. */
  text: string;
  /** The Dovecot version of the <V23Block>/<V24Block> the block stands in, if any. */
  version?: DovecotVersion;
};

export const EXPLAIN_PATH = '/explain';

export function ExplainLineLink({href, text}: {href: string; text: string}): React.ReactElement {
  const many = text.trim().split('\n').length > 1;
  return (
    <p className="explain-line">
      <a href={href} data-explain-line="">
        {many ? 'Explain my lines' : 'Explain my line'}
      </a>
      : opens the explainer with {many ? 'these lines' : 'this line'}; paste your own in {many ? 'their' : 'its'} place.
    </p>
  );
}
