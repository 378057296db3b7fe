/**
 * /generator: the config generator on its own page. Its state lives in the query string
 * (`/generator?s=1&v=2.4&cores=8&imap=5000&login=performance`), so a link carries exactly the
 * answers the reader gave.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import ConfigGenerator from '@site/src/components/ConfigGenerator';
import {LoadCheckPresets} from '@site/src/components/LoadCheckResults';
import WidgetPage from '@site/src/components/WidgetPage';
import styles from './generator.module.css';

export default function GeneratorPage(): React.ReactElement {
  return (
    <WidgetPage
      title="Config generator"
      description="Answer a few questions about a Dovecot 2.3 or 2.4 server and copy service { } blocks that doveconf accepts: process_limit, client_limit, restart_request_count, process_min_avail, vsz_limit and the auth cache, each value explained."
      className={styles.page}
      leadClassName={styles.lead}
      lead={
        <>
          Describe the server and its load, choose the trade-offs, and copy the <code>service {'{ }'}</code> blocks.
          Only values that differ from the built-in defaults are written, each with the reason; the real{' '}
          <code>doveconf</code> of the chosen version accepts every output. Start from a preset if one is close. To
          understand a single service, use the <Link to="/calculator">service calculator</Link>; for the background,
          read <Link to="/services">services and processes</Link>.
        </>
      }
    >
      <ConfigGenerator />
      <section className={styles.evidence}>
        <h2 id="presets-under-load">The presets under load</h2>
        <p>
          Each preset&apos;s output was started in real Dovecot masters and given the sessions it is written for, logged
          in and idle, at its login rate and share of TLS. Whether it held them (<Link to="/measured#load-check">how,
          and every run</Link>):
        </p>
        <LoadCheckPresets />
      </section>
    </WidgetPage>
  );
}
