/**
 * The pages the speed work is measured on (issue: fast on a slow phone): the home page, a doc page
 * with formulas, the longest doc page and the three widgets. The bench measures them, and tests
 * that load each key page read the same list.
 */
export const KEY_PAGES: readonly string[] = ['/', '/services/client-limit', '/troubleshooting', '/calculator', '/generator', '/explain'];
