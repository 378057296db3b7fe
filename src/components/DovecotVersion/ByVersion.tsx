/**
 * MDX building blocks for version-dependent content. Both versions are always rendered; CSS keyed
 * on `<html data-dovecot>` shows one, so the server-rendered page is complete and nothing shifts.
 *   <V23>inline 2.3 text</V23> <V24>inline 2.4 text</V24>
 *   <V23Block>…paragraphs, lists, code…</V23Block> <V24Block>…</V24Block>
 * While the browser hydrates a page from the server, the hidden version's content keeps the
 * server's markup and stays out of React's tree (an element whose innerHTML React leaves alone):
 * hydrating text nobody sees is most of a long page's main-thread work. It joins the tree the
 * first time the reader switches to its version. Rendered in the browser without server markup
 * (client-side navigation, the development server), both versions are rendered as usual.
 */
import React, {useEffect, type ReactNode} from 'react';
import type {DovecotVersion} from '@site/src/lib/version';
import {VERSION_EVENT} from '@site/src/lib/version';
import {useKeptServerMarkup} from '../StaticIsland/useKeptServerMarkup';
import {currentVersion} from './store';

type Props = {children?: ReactNode};
type Tag = 'span' | 'div';

/** This version's server markup, kept while it is hidden; let go once the reader shows it. */
function useKeptWhileHidden(version: DovecotVersion) {
  const k = useKeptServerMarkup<HTMLElement>(() => currentVersion() !== version);
  const {kept, release} = k;
  useEffect(() => {
    if (!kept) return undefined;
    // the version may have changed while the page hydrated (the switch works before hydration)
    const check = () => currentVersion() === version && release();
    check();
    window.addEventListener(VERSION_EVENT, check);
    return () => window.removeEventListener(VERSION_EVENT, check);
  }, [kept, release, version]);
  return k;
}

function byVersion(tag: Tag, version: DovecotVersion, className: string) {
  const Tag = tag;
  return function ByVersion({children}: Props): React.ReactElement {
    const {ref, kept} = useKeptWhileHidden(version);
    const common = {ref: ref as React.RefObject<HTMLDivElement & HTMLSpanElement>, className, 'data-version': version};
    if (kept) return <Tag {...common} dangerouslySetInnerHTML={{__html: ''}} suppressHydrationWarning />;
    return <Tag {...common}>{children}</Tag>;
  };
}

export const V23 = byVersion('span', '2.3', 'dv-23');
export const V24 = byVersion('span', '2.4', 'dv-24');
export const V23Block = byVersion('div', '2.3', 'dv-23 dv-block');
export const V24Block = byVersion('div', '2.4', 'dv-24 dv-block');
