/**
 * The shape of @easyops-cn/docusaurus-search-local's search results (its shared/interfaces), the
 * fields this site reads or sets.
 */

/** SearchDocumentType: what a result points at. */
export const RESULT_TYPE = {title: 0, heading: 1, description: 2, keywords: 3, content: 4} as const;

export interface SearchDocument {
  /** Unique id (the site's own results use negative ones). */
  i: number;
  /** The text shown. */
  t: string;
  /** The page's path. */
  u: string;
  /** The heading's #anchor, if any. */
  h?: string;
  /** The breadcrumb shown as the result's path. */
  b?: string[];
  /** The page's id (heading and content results). */
  p?: number;
  s?: string;
}

export interface SearchResult {
  document: SearchDocument;
  type: number;
  page?: SearchDocument | false;
  metadata: Record<string, Record<string, {position: [number, number][]}>>;
  tokens: string[];
  score?: number;
  isInterOfTree?: boolean;
  isLastOfTree?: boolean;
}
