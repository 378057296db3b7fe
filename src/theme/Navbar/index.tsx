/**
 * The theme's navbar, followed by an empty marker that `<head>` names in
 * `<link rel="expect" href="#navbar-parsed" blocking="render">` (docusaurus.config.ts): the browser
 * paints nothing until the whole navbar has been parsed. Without it a slow device can paint while
 * the parser is inside the navbar, and the right-aligned group (version switch, colour mode,
 * search) then moves left as each later item arrives, a layout shift on every such load.
 */
import React, {type ComponentProps} from 'react';
import Navbar from '@theme-original/Navbar';
import {NAVBAR_PARSED_ID} from '@site/src/lib/navbarMarker';

export default function NavbarWithMarker(props: ComponentProps<typeof Navbar>): React.ReactElement {
  return (
    <>
      <Navbar {...props} />
      <span id={NAVBAR_PARSED_ID} hidden />
    </>
  );
}
