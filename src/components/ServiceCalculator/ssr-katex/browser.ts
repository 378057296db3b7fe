/** In the browser bundle there is no synchronous typesetter; ../Formula loads KaTeX lazily. */
export const renderFormulaOnServer: ((tex: string) => string) | null = null;
