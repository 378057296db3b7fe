/**
 * A list that draws its first items and offers the rest on request: a 1 MB paste can produce
 * thousands of entries, which nobody reads at once and which would keep the browser drawing for
 * a second or more.
 */
import React, {useState} from 'react';

/** Entries drawn before "Show all": enough to read, few enough to draw at once. */
export const FIRST_ITEMS = 100;

interface Props<T> {
  items: readonly T[];
  /** What the entries are, for "N more … not shown", e.g. "messages". */
  noun: string;
  className?: string;
  children: (item: T, index: number) => React.ReactNode;
}

export default function CappedList<T>({items, noun, className, children}: Props<T>): React.ReactElement {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, FIRST_ITEMS);
  return (
    <>
      <ul className={className}>{shown.map(children)}</ul>
      {shown.length < items.length ? (
        <p>
          {items.length - shown.length} more {noun} not shown.{' '}
          <button type="button" className="button button--sm button--outline button--primary" onClick={() => setAll(true)}>
            Show all {items.length}
          </button>
        </p>
      ) : null}
    </>
  );
}
