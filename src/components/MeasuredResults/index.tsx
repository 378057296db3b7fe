/**
 * The /measured page's and the blog post's tables and charts (see ./components.tsx). Pages import
 * them from here: the server renders them, and browsers keep that markup without loading the
 * results data (./island).
 */
export * from './island';
