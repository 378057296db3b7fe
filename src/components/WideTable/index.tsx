/**
 * Markdown tables in a horizontally scrollable box that keyboard users can focus and scroll,
 * so a wide table never widens the page on a phone.
 */
import React, {type ComponentProps} from 'react';

export default function WideTable(props: ComponentProps<'table'>): React.ReactElement {
  return (
    // tabIndex: a scrollable region must be reachable by keyboard
    <div className="table-scroll" tabIndex={0}>
      <table {...props} />
    </div>
  );
}
