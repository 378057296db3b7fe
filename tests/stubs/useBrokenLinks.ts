// Vitest stand-in for @docusaurus/useBrokenLinks: outside a Docusaurus build nothing collects anchors.
export default function useBrokenLinks(): {collectAnchor: (name: string) => void; collectLink: (link: string) => void} {
  return {collectAnchor: () => undefined, collectLink: () => undefined};
}
