/**
 * The load-check tables (see ./components.tsx). Pages import them from here: the server renders
 * them, and browsers keep that markup without loading the results data (./island).
 */
export * from './island';
