/**
 * The navbar control for the site-wide Dovecot version. A click is handled by the inline script
 * in `<head>` (versionInlineScript, via `data-dv-set`), so the switch works from the first paint,
 * before React has hydrated the page. Which button looks pressed is decided by CSS from
 * `<html data-dovecot>`, so it is right before hydration too; aria-pressed follows once React has run.
 */
import React from 'react';
import clsx from 'clsx';
import {DOVECOT_VERSIONS} from '@site/src/lib/version';
import {useDovecotVersion} from './store';
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
          data-dv-set={v}
        >
          {v}
        </button>
      ))}
    </div>
  );
}
