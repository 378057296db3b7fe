/**
 * /explain: paste a Dovecot config or log lines, get the implications, doveconf's view, the 2.4
 * migration and the fix. The analysis runs in the browser; a share link keeps the text in the
 * URL #fragment. Without JavaScript the page explains itself with an analysed example.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Explainer from '@site/src/components/Explainer';
import styles from './explain.module.css';

export default function ExplainPage(): React.ReactElement {
  return (
    <Layout
      title="Explain a config or log lines"
      description="Paste Dovecot doveconf -n output, a conf.d file or log lines: per-service limits, doveconf's errors and warnings with their exact text, the 2.3 to 2.4 migration, and what each log line means with its fix."
    >
      <main className={`container margin-vert--lg ${styles.page}`}>
        <h1>Explain a config or log lines</h1>
        <p className={styles.lead}>
          Paste what you have: <code>doveconf -n</code> output of Dovecot 2.3 or 2.4, a conf.d file, a whole
          dovecot.conf, log lines, or all of them at once. You get each service&apos;s limits after defaults and what
          they imply, what <code>doveconf</code> would print, settings that do not exist in your version, the block to
          copy for Dovecot 2.4, and for each known log line what it means, its fix and a link to{' '}
          <Link to="/troubleshooting">troubleshooting</Link>. The analysis runs in your browser; nothing is uploaded.
          &quot;Share link&quot; puts the text into the link itself, after you choose what to redact.
        </p>
        <noscript>
          <p className={styles.noscript}>
            The explainer needs JavaScript to analyse your own text. A shared link&apos;s text needs it too. Below is
            what it shows for an example.
          </p>
        </noscript>
        <Explainer />
      </main>
    </Layout>
  );
}
