/**
 * The navbar control for the site-wide Dovecot version. Which button looks pressed is decided by
 * CSS from `<html data-dovecot>`, so it is right before hydration too; aria-pressed follows once
 * React has run.
 */
import React from 'react';
import clsx from 'clsx';
import {DOVECOT_VERSIONS} from '@site/src/lib/version';
import {applyVersion, useDovecotVersion} from './store';
import styles from './styles.module.css';

export default function VersionSwitch({mobile}: {mobile?: boolean; className?: string}): React.ReactElement {
  const version = useDovecotVersion();
  return (
    <div
      role="group"
      aria-label="Dovecot version"
      className={clsx(styles.switch, mobile && styles.mobile, 'dv-switch')}
      title="Show names, defaults and examples for this Dovecot version"
    >
      <span className={styles.label} aria-hidden="true">
        Dovecot
      </span>
      {DOVECOT_VERSIONS.map((v) => (
        <button
          key={v}
          type="button"
          className={clsx(styles.button, `dv-switch-${v.replace('.', '')}`)}
          aria-pressed={version === v}
          onClick={() => applyVersion(v)}
        >
          {v}
        </button>
      ))}
    </div>
  );
}
