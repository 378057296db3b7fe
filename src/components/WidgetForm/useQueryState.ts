/**
 * A widget whose state lives in the query string, so a link carries exactly what the reader saw
 * (`/calculator?s=1&v=2.4&cl=10`). After hydration the link is read once: its form and notices go
 * to the widget, and the version it names, if any, becomes the site's (else the remembered one
 * stays). Once the link's form is drawn, the page's "loading the link" mark goes (./linkState).
 * From then on each change of the shown form replaces the URL, debounced, with
 * history.replaceState, so Back leaves the page instead of stepping through edits.
 */
import {useEffect, useRef, useState} from 'react';
import type {Decoded} from '@site/src/lib/dovecot/permalink';
import type {DovecotVersion} from '@site/src/lib/version';
import {applyVersion, currentVersion} from '@site/src/components/DovecotVersion/store';
import {linkStateShown, useMarkSharedLink} from './linkState';

const URL_WRITE_DELAY_MS = 250;

type Options<S, F> = {
  /** False where the widget is embedded in a page: the page's URL is left alone. */
  enabled: boolean;
  /** The form as shown (in the version shown). */
  shown: F;
  /** The widget's link format (its state.ts); module functions, so the link is read once. */
  decodeQuery: (query: string) => Decoded<S>;
  formFromState: (state: S) => F;
  queryFor: (form: F) => string;
  /** useState setters (stable), given the link's form and what of the link was not used. */
  setForm: (form: F) => void;
  setNotices: (notices: string[]) => void;
  /** False where the page's answer is not in the query (the explainer's text is in the #fragment):
   * the page clears the "loading the link" mark itself once that answer is drawn. */
  marksLink?: boolean;
};

export default function useQueryState<S extends {version: unknown}, F extends {version: DovecotVersion}>({
  enabled,
  shown,
  decodeQuery,
  formFromState,
  queryFor,
  setForm,
  setNotices,
  marksLink = true,
}: Options<S, F>): void {
  const loadedQuery = useRef<string | null>(null);
  const [linkRead, setLinkRead] = useState(false);
  const shownNow = useRef(shown);
  shownNow.current = shown;
  useMarkSharedLink(enabled && marksLink);

  useEffect(() => {
    if (!enabled) return;
    const d = decodeQuery(window.location.search);
    const v = currentVersion();
    const f = formFromState(d.state);
    if (!d.given.includes('version')) f.version = v;
    else if (f.version !== v) applyVersion(f.version);
    const query = queryFor(f);
    loadedQuery.current = query;
    if (d.notices.length > 0) setNotices(d.notices);
    if (query !== queryFor(shownNow.current)) {
      setForm(f);
      setLinkRead(true);
    } else if (marksLink) {
      // A link that says what the widget already shows (a plain visit) changes nothing: no new
      // render, so the first render's results stand instead of being worked out again.
      linkStateShown();
    }
  }, [enabled, decodeQuery, formFromState, queryFor, setForm, setNotices, marksLink]);

  // runs after the render that draws the link's form (the setters above are batched into it)
  useEffect(() => {
    if (linkRead && marksLink) linkStateShown();
  }, [linkRead, marksLink]);

  const query = queryFor(shown);
  useEffect(() => {
    if (!enabled || loadedQuery.current === null || query === loadedQuery.current) return undefined;
    const t = setTimeout(() => {
      const {pathname, hash} = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}?${query}${hash}`);
      loadedQuery.current = query;
    }, URL_WRITE_DELAY_MS);
    return () => clearTimeout(t);
  }, [enabled, query]);
}
