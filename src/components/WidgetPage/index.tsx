/**
 * The frame of a widget's own page (/calculator, /generator): the title as the page's h1, a lead
 * that says what to do, then the widget. Each page sets its widths (`className`, `leadClassName`)
 * to suit its widget.
 */
import React from 'react';
import clsx from 'clsx';
import Layout from '@theme/Layout';
import styles from './styles.module.css';

type Props = {
  title: string;
  description: string;
  lead: React.ReactNode;
  className: string;
  leadClassName: string;
  children: React.ReactNode;
};

export default function WidgetPage({title, description, lead, className, leadClassName, children}: Props): React.ReactElement {
  return (
    <Layout title={title} description={description}>
      <main className={clsx('container margin-vert--lg', className)}>
        <h1>{title}</h1>
        <p className={clsx(styles.lead, leadClassName)}>{lead}</p>
        {children}
      </main>
    </Layout>
  );
}
