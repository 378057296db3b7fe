/**
 * The local search's query function, in place of @easyops-cn/docusaurus-search-local's own
 * (plugins/search-log-lines.ts swaps the module in; the plugin's search bar and search page call
 * it). A pasted log line is looked up by the words of its message, the troubleshooting entry that
 * quotes the same message comes first, and a log line or config is also offered to the explainer
 * (the only offer when nothing else is found). Typed queries go to the index as before. The
 * matching code, the quoted messages and the share-link encoder are loaded on first use only.
 */
import {
  fetchIndexesByWorker,
  searchByWorker as searchIndex,
} from '@easyops-cn/docusaurus-search-local/dist/client/client/theme/searchByWorker.js';
import {processTreeStatusOfSearchResults} from '@easyops-cn/docusaurus-search-local/dist/client/client/utils/processTreeStatusOfSearchResults.js';
import {RESULT_TYPE, type SearchResult} from './searchTypes';

export {fetchIndexesByWorker};

const TROUBLESHOOTING = '/troubleshooting';
const EXPLAIN = '/explain';

function isEntry(r: SearchResult, id: string): boolean {
  return r.document.u.replace(/\/+$/, '').endsWith(TROUBLESHOOTING) && r.document.h === `#${id}`;
}

/** A result that opens the explainer with `input` in its share fragment. */
async function explainOffer(input: string, config: boolean): Promise<SearchResult> {
  const {encodeShare} = await import('@site/src/lib/dovecot/explain/share');
  const share = await encodeShare(input);
  const t = config ? 'Explain this config in the explainer' : 'Explain this line in the explainer';
  return {
    document: {i: -1, t, u: EXPLAIN, h: share.ok ? `#${share.fragment}` : '', b: ['Explain a config or log lines']},
    type: RESULT_TYPE.title,
    page: false,
    // the search bar highlights from positions: an empty one at the start highlights nothing
    metadata: {explain: {t: {position: [[0, 0]]}}},
    tokens: [],
  };
}

export async function searchByWorker(baseUrl: string, searchContext: string, input: string, limit: number): Promise<SearchResult[]> {
  const lib = await import('@site/src/lib/search/logLine');
  const log = lib.looksLikeLogLine(input);
  const config = !log && lib.looksLikeConfig(input);
  if (!log && !config) return searchIndex(baseUrl, searchContext, input, limit);

  const results = await searchIndex(baseUrl, searchContext, lib.searchQuery(input), limit);
  if (log) {
    const entries = (await import('@generated/log-messages/default/log-messages.json')).default;
    const match = lib.matchLogMessage(input, entries);
    if (match) {
      const {id, title} = match.entry;
      const heading = (rs: SearchResult[]) => rs.find((r) => r.type === RESULT_TYPE.heading && isEntry(r, id));
      // the entry's heading, found by its title if the line's words did not find it
      const hit =
        heading(results) ??
        heading(await searchIndex(baseUrl, searchContext, lib.indexWords(title).join(' '), limit)) ??
        results.find((r) => isEntry(r, id));
      if (hit) {
        const rest = results.filter((r) => r.document.i !== hit.document.i);
        results.length = 0;
        results.push(hit, ...rest.slice(0, Math.max(0, limit - 1)));
        for (const r of results) {
          r.isInterOfTree = false;
          r.isLastOfTree = false;
        }
        processTreeStatusOfSearchResults(results);
      }
    }
  }
  results.push(await explainOffer(input, config));
  return results;
}
