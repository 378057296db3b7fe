// Every blog post, like every wiki page, says which Dovecot builds its facts were checked against.
import React from 'react';
import Footer from '@theme-original/BlogPostItem/Footer';
import type FooterType from '@theme/BlogPostItem/Footer';
import type {WrapperProps} from '@docusaurus/types';
import {useBlogPost} from '@docusaurus/plugin-content-blog/client';
import {CHECKED_BUILDS} from '@site/src/lib/version';

type Props = WrapperProps<typeof FooterType>;

export default function FooterWrapper(props: Props): React.ReactElement {
  const {isBlogPostPage} = useBlogPost();
  return (
    <>
      {isBlogPostPage ? (
        <p className="dv-checked">
          Facts in this post were checked against Dovecot {CHECKED_BUILDS['2.3']} (Debian 12) and {CHECKED_BUILDS['2.4']}{' '}
          (Debian 13).
        </p>
      ) : null}
      <Footer {...props} />
    </>
  );
}
