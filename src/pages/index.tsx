/**
 * The landing page: what the site is and where to start. Each section of the site adds its
 * entry here once its page exists.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import styles from './index.module.css';

type Entry = {to: string; title: string; text: string};

const learn: Entry[] = [
  {
    to: '/services',
    title: 'Services and processes',
    text: 'How the master starts processes, and how service_count (restart_request_count in 2.4) and client_limit decide how many connections each one serves.',
  },
  {
    to: '/services/service-count',
    title: 'service_count and restart_request_count',
    text: 'How many connections a process serves before it exits, the defaults per service, and what reusing processes gains and risks.',
  },
  {
    to: '/services/client-limit',
    title: 'client_limit',
    text: 'Connections one process serves at once, why it must stay 1 for imap, pop3 and lmtp, and how mail_max_userip_connections differs.',
  },
  {
    to: '/services/process-limit',
    title: 'process_limit and process_min_avail',
    text: 'Maximum connections per service, the auth and anvil client_limit checks, and the systemd limits that bite at scale.',
  },
  {
    to: '/services/memory-and-idle',
    title: 'Memory and idle processes',
    text: 'vsz_limit as an address-space cap, idle_kill (idle_kill_interval in 2.4), and imap-hibernate for clients in IDLE.',
  },
  {
    to: '/services/choosing',
    title: 'Choosing a process pattern',
    text: 'One connection per process, reused, restarted every N, or many per process: when each fits, with configurations for 2.3 and 2.4.',
  },
  {
    to: '/login-processes',
    title: 'Login processes',
    text: 'High-security and high-performance mode: what each costs, what a compromised login process could see, why TLS sessions keep a login process busy, and how to switch in 2.3 and 2.4.',
  },
  {
    to: '/auth-cache',
    title: 'The authentication cache',
    text: 'Why a busy server needs auth_cache_size, how the TTLs behave after a password change, how big to make the cache, and how to flush it and read its hit rate.',
  },
  {
    to: '/troubleshooting',
    title: 'Troubleshooting',
    text: 'Every log line and doveconf message about service limits, login processes and the auth cache, with its exact text in 2.3 and 2.4 and how to fix it.',
  },
  {
    to: '/coming-from-courier',
    title: 'Coming from Courier-IMAP',
    text: 'MAXDAEMONS, MAXPERIP and IMAP_ULIMITD mapped onto Dovecot\'s login and imap services, with a worked example.',
  },
];

const measured: Entry[] = [
  {
    to: '/measured',
    title: 'Measured under load',
    text: 'Real Dovecot 2.3 and 2.4, and Courier-IMAP, under the same IMAP load in each service mode: logins per second, latency, forks and CPU per login, memory, with the recipe to rerun it.',
  },
];

const calculate: Entry[] = [
  {
    to: '/calculator',
    title: 'Service calculator',
    text: 'Type a service\'s process_limit, client_limit and service_count / restart_request_count and your load: see isolation, capacity, forks per second, memory and what doveconf would say, with a link to share.',
  },
];

const generateEntries: Entry[] = [
  {
    to: '/generator',
    title: 'Config generator',
    text: 'Give cores, RAM, protocols and peak connections, choose the login mode and process reuse, and copy service { } blocks that doveconf accepts, each value explained, with a systemd drop-in and a link to share.',
  },
];

const explainEntries: Entry[] = [
  {
    to: '/explain',
    title: 'Explainer',
    text: 'Paste doveconf -n output, a conf.d file or log lines: each service\'s limits after defaults, what doveconf would say, the 2.4 migration, and for each known log line what it means and how to fix it, with a link to share.',
  },
];

/** The landing page's sections, in order; each heading id is a published anchor. */
const SECTIONS: {id: string; title: string; entries: Entry[]}[] = [
  {id: 'learn', title: 'Learn', entries: learn},
  {id: 'measured', title: 'Measured', entries: measured},
  {id: 'calculate', title: 'Calculate', entries: calculate},
  {id: 'generate', title: 'Generate', entries: generateEntries},
  {id: 'explain', title: 'Explain', entries: explainEntries},
];

function EntryList({entries}: {entries: Entry[]}): React.ReactElement {
  return (
    <ul className={styles.entries}>
      {entries.map((e) => (
        <li key={e.to} className={styles.entry}>
          <Link to={e.to} className={styles.entryTitle}>
            {e.title}
          </Link>
          <p>{e.text}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * The three tasks readers come with, above the fold on a desktop and on a phone: each leads to
 * the tool that does it in one step.
 */
const TASKS: {to: string; title: string; text: React.ReactNode; more?: React.ReactNode}[] = [
  {
    to: '/explain',
    title: 'I have a log line or a config',
    text: 'Paste it: what each line means, what doveconf would say and how to fix it.',
  },
  {
    to: '/generator',
    title: 'Give me a config',
    text: 'Cores, RAM and load in; service blocks that doveconf accepts out.',
  },
  {
    to: '/calculator',
    title: 'What does this setting do?',
    text: 'Try a service\'s limits against your load in the calculator,',
    more: (
      <>
        {' '}or read <Link to="/services">how services work</Link> and the <Link to="/settings">settings reference</Link>.
      </>
    ),
  },
];

export default function Home(): React.ReactElement {
  return (
    <Layout
      title="Dovecot's service process model, explained"
      description="service_count, restart_request_count, client_limit, process_limit and login processes for Dovecot 2.3 and 2.4: explanations, a calculator, a config generator and an explainer for log lines and configs."
    >
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1">Dovecot Services Wiki</Heading>
          <p className={styles.lead}>
            Dovecot&apos;s service process model for 2.3 and 2.4: <code>service_count</code>, <code>client_limit</code>,{' '}
            <code>process_limit</code> and login processes, with every default taken from the real binaries.
          </p>
          <nav aria-label="Start with a task">
            <ul className={styles.tasks}>
              {TASKS.map((t) => (
                <li key={t.to} className={styles.task}>
                  <Link to={t.to} className={styles.taskTitle}>
                    {t.title}
                  </Link>
                  <p>
                    {t.text}
                    {t.more}
                  </p>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main className="container margin-vert--lg">
        <p className={styles.intro}>
          Why does Dovecot fork an <code>imap</code> process for every login? What is <code>client_limit</code> for, and
          what happens when <code>process_limit</code> is reached? Start with{' '}
          <Link to="/services">services and processes</Link>, or pick a topic:
        </p>
        {SECTIONS.map(({id, title, entries}) => (
          <section key={id} aria-labelledby={id}>
            <Heading as="h2" id={id}>
              {title}
            </Heading>
            <EntryList entries={entries} />
          </section>
        ))}
      </main>
    </Layout>
  );
}
