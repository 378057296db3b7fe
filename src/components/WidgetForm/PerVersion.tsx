/**
 * A widget's body for each Dovecot version. The server render and hydration hold one copy per
 * version, each in its version class (CSS shows the chosen one, as everywhere on the site); after
 * hydration (in a transition, ../StaticIsland/useHydrated) only the chosen version is rendered, so
 * nothing moves.
 */
import React from 'react';
import {useHydrated} from '../StaticIsland/useHydrated';
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
  const hydrated = useHydrated();
  const versions: readonly DovecotVersion[] = hydrated ? [version] : DOVECOT_VERSIONS;
  return (
    <>
      {versions.map((v) => (
        <div key={v} className={hydrated ? undefined : v === '2.3' ? 'dv-23' : 'dv-24'} data-version={v}>
          {children(v)}
        </div>
      ))}
    </>
  );
}
