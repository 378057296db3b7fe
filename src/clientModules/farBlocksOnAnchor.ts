/**
 * A move to an anchor of the same page inside the app (the search box, a link the router handles)
 * lays the whole page out first, so the scroll lands where the real layout has the heading: see
 * src/lib/farBlocks.ts. `onRouteUpdate` runs before the new location renders and before Docusaurus
 * scrolls to its anchor. A move to another page renders that page without marks.
 */
import type {ClientModule} from '@docusaurus/types';
import {unmarkFarBlocks} from '../lib/farBlocks';

const clientModule: ClientModule = {
  onRouteUpdate({location, previousLocation}) {
    if (location.hash && previousLocation?.pathname === location.pathname) unmarkFarBlocks();
  },
};

export default clientModule;
