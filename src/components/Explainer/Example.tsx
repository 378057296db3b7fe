/**
 * What the explainer shows before anything is pasted: the built-in example and its analysis.
 * Rendered at build time (./ExampleIsland), so the page explains itself without JavaScript and
 * the browser does not need the analysis engine to show it.
 */
import React from 'react';
import {explain} from '../../lib/dovecot/explain';
import {SAMPLE_TEXT} from '../../lib/dovecot/explain/sample';
import {LOAD} from './load';
import Report from './Report';
import styles from './styles.module.css';

export default function Example(): React.ReactElement {
  const example = explain(SAMPLE_TEXT, {load: LOAD});
  return (
    <>
      <h2 id="example">Example</h2>
      <p>
        What the explainer shows for this paste, a Dovecot 2.3 <code>doveconf -n</code> excerpt and four log lines:
      </p>
      <pre className={styles.sample} tabIndex={0} role="region" aria-label="The example paste">
        {SAMPLE_TEXT}
      </pre>
      <p data-testid="version">
        <strong>Dovecot {example.version.version}</strong>: {example.version.reason}.
      </p>
      <Report result={example} idPrefix="example" />
    </>
  );
}
