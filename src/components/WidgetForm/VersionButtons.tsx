/**
 * The "Dovecot version" field of a widget: the same switch as the navbar's (applyVersion), so
 * the widget and the rest of the site always show one version.
 */
import React from 'react';
import clsx from 'clsx';
import {DOVECOT_VERSIONS, type DovecotVersion} from '@site/src/lib/version';
import {applyVersion} from '@site/src/components/DovecotVersion/store';
import formStyles from './form.module.css';

export default function VersionButtons({version, id}: {version: DovecotVersion; id: string}): React.ReactElement {
  return (
    <div className={formStyles.field}>
      <span className={formStyles.label} id={id}>
        Dovecot version
      </span>
      <div role="group" aria-labelledby={id} className={formStyles.versionButtons}>
        {DOVECOT_VERSIONS.map((v) => (
          <button
            key={v}
            type="button"
            className={clsx(formStyles.versionButton, v === version && formStyles.versionButtonOn)}
            aria-pressed={v === version}
            onClick={() => applyVersion(v)}
          >
            {v}
          </button>
        ))}
      </div>
    </div>
  );
}
