// Modules the search code reaches that carry no types of their own.

/** The troubleshooting entries and the messages they quote (plugins/log-messages.ts). */
declare module '@generated/log-messages/default/log-messages.json' {
  const entries: import('@site/src/lib/search/logLine').LogMessageEntry[];
  export default entries;
}

/** @easyops-cn/docusaurus-search-local's own query functions (its search bar and page call them). */
declare module '@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js' {
  type SearchResult = import('@site/src/components/Search/searchTypes').SearchResult;
  export function fetchIndexesByWorker(baseUrl: string, searchContext: string): Promise<void>;
  export function searchByWorker(baseUrl: string, searchContext: string, input: string, limit: number): Promise<SearchResult[]>;
}

declare module '@easyops-cn/docusaurus-search-local/dist/client/client/utils/processTreeStatusOfSearchResults.js' {
  export function processTreeStatusOfSearchResults(results: import('@site/src/components/Search/searchTypes').SearchResult[]): void;
}
