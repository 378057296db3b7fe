/**
 * `<Default service="imap" setting="process_limit" />`: a built-in default from the settings
 * catalog, for both versions (the version switch shows one) or for `version="2.3"` only.
 * `<Default setting="default_client_limit" />` prints a global's default.
 */
import React from 'react';
import type {DovecotVersion} from '@site/src/lib/version';
import {defaultText} from '@site/src/lib/dovecot/defaultText';

type Props = {setting: string; service?: string; version?: DovecotVersion};

function Value({version, setting, service}: Required<Pick<Props, 'version' | 'setting'>> & Pick<Props, 'service'>) {
  const {text, note} = defaultText(version, setting, service);
  return <code title={note}>{text}</code>;
}

export default function Default({setting, service, version}: Props): React.ReactElement {
  if (version) return <Value version={version} setting={setting} service={service} />;
  const a = defaultText('2.3', setting, service);
  const b = defaultText('2.4', setting, service);
  if (a.text === b.text && a.note === b.note) return <Value version="2.4" setting={setting} service={service} />;
  return (
    <>
      <span className="dv-23">
        <Value version="2.3" setting={setting} service={service} />
      </span>
      <span className="dv-24">
        <Value version="2.4" setting={setting} service={service} />
      </span>
    </>
  );
}
