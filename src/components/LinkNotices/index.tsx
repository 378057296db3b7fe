/**
 * What a widget's permalink reader could not use ("Ignored unknown parameter x"), shown above the
 * widget until dismissed. Shared by the calculator and the generator; the texts are plain strings.
 */
import React from 'react';
import styles from './styles.module.css';

export default function LinkNotices({notices, onDismiss}: {notices: readonly string[]; onDismiss: () => void}): React.ReactElement | null {
  if (notices.length === 0) return null;
  return (
    <div className={styles.notices} role="status">
      <p>Parts of this link were not used:</p>
      <ul>
        {notices.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
      <button type="button" className="button button--link button--sm" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
