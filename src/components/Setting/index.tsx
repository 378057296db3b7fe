/**
 * `<Setting name="service_count" />`: a setting's name as the shown Dovecot version spells it
 * (restart_request_count under 2.4), both rendered, CSS showing one.
 */
import React from 'react';
import Link from '@docusaurus/Link';
import {nameIn, settingAnchor} from '@site/src/lib/dovecot/catalog/names';

/**
 * A setting's name as the shown version spells it, in code style. `link` points it at its entry
 * in the settings reference; off by default, because most mentions sit in prose that already
 * links once per section.
 */
export default function Setting({name, link = false}: {name: string; link?: boolean}): React.ReactElement {
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
