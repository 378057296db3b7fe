/**
 * `<CalculatorLink service="imap-login" settings={{process_limit: '3500'}} load={{peakConnections: 3000}}>…</CalculatorLink>`
 * and `<GeneratorLink answers={{imap: 3000}}>…</GeneratorLink>`: a docs page's example opened in
 * the widget, in the state the page describes (./links.ts). Inside a <V23Block> or <V24Block>
 * give `version`; elsewhere both versions' links are rendered and the version switch shows one.
 * Plain links, not router links: the widget page loads afresh and shows the state from its first
 * paint on (src/lib/sharedLink.ts). Rendered at build time only (../ToolLinkIsland).
 */
import React, {type ReactNode} from 'react';
import type {DovecotVersion} from '@site/src/lib/version';
import type {CalculatorLoad, CalculatorSettings} from '@site/src/lib/dovecot/calculator/types';
import {calculatorHref, generatorHref, type GeneratorAnswers} from './links';

type LinkProps = {version?: DovecotVersion; tool: string; href: (v: DovecotVersion) => string; expect?: string; children: ReactNode};

function PerVersionLink({version, tool, href, expect, children}: LinkProps): React.ReactElement {
  const link = (v: DovecotVersion) => (
    <a className="tool-link" data-tool={tool} data-version={v} data-expect={expect} href={href(v)}>
      {children}
    </a>
  );
  if (version) return link(version);
  return (
    <>
      <span className="dv-24">{link('2.4')}</span>
      <span className="dv-23">{link('2.3')}</span>
    </>
  );
}

export type CalculatorLinkProps = {
  service: string;
  /** As Dovecot 2.4 writes them (`unlimited`); a 2.3 link carries 2.3's spelling. */
  settings?: CalculatorSettings;
  load?: Partial<CalculatorLoad>;
  version?: DovecotVersion;
  children: ReactNode;
};

export function CalculatorLink({service, settings, load, version, children}: CalculatorLinkProps): React.ReactElement {
  return (
    <PerVersionLink version={version} tool="calculator" href={(v) => calculatorHref(v, service, settings, load)}>
      {children}
    </PerVersionLink>
  );
}

export type GeneratorLinkProps = {
  answers: GeneratorAnswers;
  /** Lines the page says the generator writes for these answers (`auth_cache_size = 10M`), `;`-separated; a test holds the generator to them. */
  expect?: string;
  version?: DovecotVersion;
  children: ReactNode;
};

export function GeneratorLink({answers, expect, version, children}: GeneratorLinkProps): React.ReactElement {
  return (
    <PerVersionLink version={version} tool="generator" expect={expect} href={(v) => generatorHref(v, answers)}>
      {children}
    </PerVersionLink>
  );
}
