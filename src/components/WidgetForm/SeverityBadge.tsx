/**
 * A severity badge ("! Warning"): the label and the icon say the severity, colour is a second
 * cue. It takes its colour from the card around it, which carries `severityStyles[severity]`
 * (./severity.module.css), so a card's edge and its badge always agree.
 */
import React from 'react';
import clsx from 'clsx';
import styles from './severity.module.css';

export default function SeverityBadge({icon, label, className}: {icon: string; label: string; className?: string}): React.ReactElement {
  return (
    <span className={clsx(styles.badge, className)}>
      <span className={styles.icon} aria-hidden="true">
        {icon}
      </span>
      {label}
    </span>
  );
}
