/**
 * A widget's body for each Dovecot version. The server renders one copy per version, each in its
 * version class (CSS shows the chosen one, as everywhere on the site). While the page hydrates,
 * the hidden version's copy keeps the server's markup and stays out of React's tree (an element
 * whose innerHTML React leaves alone), so its results are not worked out a second time for
 * nobody to see; should the reader switch to it before hydration ends, it is rendered then.
 * After hydration (in the render `useIsBrowser` starts, a transition: plugins/loaders) only the
 * chosen version is rendered, so nothing moves.
 */
import React, {useState} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {isHydrating} from '../StaticIsland/hydration';
import {currentVersion} from '../DovecotVersion/store';
import {DOVECOT_VERSIONS, type DovecotVersion} from '@site/src/lib/version';

/** What a widget gives its body for one version. */
export type VersionBodyProps<F> = {
  uid: string;
  version: DovecotVersion;
  form: F;
  setForm: (f: F) => void;
  reset: () => void;
  origin: string;
};

export default function PerVersion({version, children}: {version: DovecotVersion; children: (v: DovecotVersion) => React.ReactNode}): React.ReactElement {
  const hydrated = useIsBrowser();
  // the copies that came hidden from the server, as this page began to hydrate
  const [hiddenAtFirst] = useState<readonly DovecotVersion[]>(() => (isHydrating() ? DOVECOT_VERSIONS.filter((v) => v !== currentVersion()) : []));
  const versions: readonly DovecotVersion[] = hydrated ? [version] : DOVECOT_VERSIONS;
  return (
    <>
      {versions.map((v) => {
        const className = hydrated ? undefined : v === '2.3' ? 'dv-23' : 'dv-24';
        if (!hydrated && v !== version && hiddenAtFirst.includes(v)) {
          return <div key={`${v}-kept`} className={className} data-version={v} dangerouslySetInnerHTML={{__html: ''}} suppressHydrationWarning />;
        }
        return (
          <div key={v} className={className} data-version={v}>
            {children(v)}
          </div>
        );
      })}
    </>
  );
}
