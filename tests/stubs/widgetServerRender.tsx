// Vitest stand-ins for what a widget (calculator, generator) uses of Docusaurus when its server
// render is tested: not in a browser, a fixed site URL, and code blocks as plain <pre> that keep
// their language and title. Call before importing the widget (they apply to later imports).
import React from 'react';
import {vi} from 'vitest';

export function mockDocusaurusForServerRender(): void {
  vi.doMock('@docusaurus/useIsBrowser', () => ({default: () => false}));
  vi.doMock('@docusaurus/useDocusaurusContext', () => ({default: () => ({siteConfig: {url: 'https://wiki.example'}})}));
  vi.doMock('@theme/CodeBlock', () => ({
    default: ({children, language, title}: {children: string; language: string; title: string}) => (
      <pre data-language={language} data-title={title}>
        {children}
      </pre>
    ),
  }));
}
