/**
 * Keeps the URL and the chosen Dovecot version in step on client-side navigation: a link that
 * carries `?v=` selects that version (the inline script only runs on full page loads), and once
 * a reader has chosen a version explicitly every URL they land on carries it, so a copied link
 * shows the recipient the same version. It owns only `v`: the query is read the way the widgets'
 * links are (`&` or `;` between parameters) and every other parameter is left byte for byte.
 */
import type {ClientModule} from '@docusaurus/types';
import {applyVersion, currentVersion, rememberedVersion} from '../components/DovecotVersion/store';
import {versionFromSearch, withVersionParam} from '../lib/version';

const clientModule: ClientModule = {
  onRouteDidUpdate({location}) {
    const fromUrl = versionFromSearch(location.search);
    if (fromUrl) {
      if (fromUrl !== currentVersion()) applyVersion(fromUrl);
      return;
    }
    const remembered = rememberedVersion();
    if (remembered) {
      const url = `${location.pathname}${withVersionParam(location.search, remembered)}${location.hash}`;
      window.history.replaceState(window.history.state, '', url);
    }
  },
};

export default clientModule;
