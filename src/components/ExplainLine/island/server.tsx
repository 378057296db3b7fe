/** Server render (and Node): the link's share fragment compressed with zlib, in the island wrapper. */
import React from 'react';
import {deflateRawSync} from 'node:zlib';
import {shareFragment} from '@site/src/lib/dovecot/explain/share';
import type {DovecotVersion} from '@site/src/lib/version';
import {serverIsland} from '../../StaticIsland/server';
import {EXPLAIN_PATH, ExplainLineLink, type ExplainLineProps} from '..';

/** `/explain#z=…` (with `v=` when given) for `text`, as the explainer's Share link writes it. */
export function explainHref(text: string, version?: DovecotVersion): string {
  return `${EXPLAIN_PATH}#${shareFragment(new Uint8Array(deflateRawSync(Buffer.from(text, 'utf8'))), version)}`;
}

function ExplainLineServer({text, version}: ExplainLineProps): React.ReactElement {
  return <ExplainLineLink href={explainHref(text, version)} text={text} />;
}

export const ExplainLine = serverIsland<ExplainLineProps>('div', 'ExplainLine', ExplainLineServer);
