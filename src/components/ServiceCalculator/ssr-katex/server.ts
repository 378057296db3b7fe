/**
 * The server render's formula typesetter: KaTeX, synchronously, so the server-rendered page has
 * every formula. Browser bundles get ./browser.ts instead (see package.json "browser"), so KaTeX
 * never lands in the calculator's main chunk; the client loads it lazily through ../Formula.
 */
import {formulaHtml} from '../katexOptions';

export const renderFormulaOnServer: ((tex: string) => string) | null = formulaHtml;
