/**
 * /calculator: the service calculator on its own page. Its state lives in the query string
 * (`/calculator?s=1&v=2.4&svc=imap&cl=10`), so a link carries exactly what the reader saw.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import ServiceCalculator from '@site/src/components/ServiceCalculator';
import WidgetPage from '@site/src/components/WidgetPage';
import styles from './calculator.module.css';

export default function CalculatorPage(): React.ReactElement {
  return (
    <WidgetPage
      title="Service calculator"
      description="What a Dovecot service's process_limit, client_limit, service_count / restart_request_count, process_min_avail and vsz_limit mean for a given load: isolation, capacity, forks per second, memory and doveconf's checks."
      className={styles.page}
      leadClassName={styles.lead}
      lead={
        <>
          Pick a service, type its settings as you would write them in <code>10-master.conf</code> (leave a field
          empty for the built-in default) and the load you expect. Each finding says what the combination means and
          links to the page that explains it. The link below the results carries everything, to paste in an answer.
          New to the settings? Start with <Link to="/services">services and processes</Link>.
        </>
      }
    >
      <ServiceCalculator syncUrl title={null} headingLevel={2} />
    </WidgetPage>
  );
}
