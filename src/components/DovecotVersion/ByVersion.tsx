/**
 * MDX building blocks for version-dependent content. Both versions are always rendered; CSS keyed
 * on `<html data-dovecot>` shows one, so the server-rendered page is complete and nothing shifts.
 *   <V23>inline 2.3 text</V23> <V24>inline 2.4 text</V24>
 *   <V23Block>…paragraphs, lists, code…</V23Block> <V24Block>…</V24Block>
 */
import React, {type ReactNode} from 'react';

type Props = {children?: ReactNode};

export function V23({children}: Props): React.ReactElement {
  return (
    <span className="dv-23" data-version="2.3">
      {children}
    </span>
  );
}

export function V24({children}: Props): React.ReactElement {
  return (
    <span className="dv-24" data-version="2.4">
      {children}
    </span>
  );
}

export function V23Block({children}: Props): React.ReactElement {
  return (
    <div className="dv-23 dv-block" data-version="2.3">
      {children}
    </div>
  );
}

export function V24Block({children}: Props): React.ReactElement {
  return (
    <div className="dv-24 dv-block" data-version="2.4">
      {children}
    </div>
  );
}
