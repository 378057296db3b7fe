/**
 * The id of the empty element right after the navbar (src/theme/Navbar), which every page's
 * `<link rel="expect" blocking="render">` names (docusaurus.config.ts): the first paint waits until
 * the whole navbar has been parsed.
 */
export const NAVBAR_PARSED_ID = 'navbar-parsed';
