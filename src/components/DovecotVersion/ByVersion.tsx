/**
 * MDX building blocks for version-dependent content. Both versions are always rendered; CSS keyed
 * on `<html data-dovecot>` shows one, so the server-rendered page is complete and nothing shifts.
 *   <V23>inline 2.3 text</V23> <V24>inline 2.4 text</V24>
 *   <V23Block>…paragraphs, lists, code…</V23Block> <V24Block>…</V24Block>
 *   <Setting name="service_count" />  → the version's own name of a setting
 */
import React, {type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {nameIn, settingAnchor} from '@site/src/lib/dovecot/catalog/names';

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

/**
 * A setting's name as the shown version spells it, in code style. `link` points it at its entry
 * in the settings reference; off by default, because most mentions sit in prose that already
 * links once per section.
 */
export function Setting({name, link = false}: {name: string; link?: boolean}): React.ReactElement {
  const n23 = nameIn('2.3', name);
  const n24 = nameIn('2.4', name);
  const body =
    n23 === n24 ? (
      <code>{n24}</code>
    ) : (
      <code>
        <span className="dv-23">{n23}</span>
        <span className="dv-24">{n24}</span>
      </code>
    );
  if (!link) return body;
  return <Link to={`/settings#${settingAnchor(name)}`}>{body}</Link>;
}
