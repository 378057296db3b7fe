// Every wiki page says which Dovecot builds its facts were checked against.
import React from 'react';
import Footer from '@theme-original/DocItem/Footer';
import type FooterType from '@theme/DocItem/Footer';
import type {WrapperProps} from '@docusaurus/types';
import {CHECKED_BUILDS} from '@site/src/lib/version';

type Props = WrapperProps<typeof FooterType>;

export default function FooterWrapper(props: Props): React.ReactElement {
  return (
    <>
      <p className="dv-checked">
        Facts on this page were checked against Dovecot {CHECKED_BUILDS['2.3']} (Debian 12) and {CHECKED_BUILDS['2.4']}{' '}
        (Debian 13).
      </p>
      <Footer {...props} />
    </>
  );
}
