/**
 * Keeps the URL and the chosen Dovecot version in step on client-side navigation: a link that
 * carries `?v=` selects that version (the inline script only runs on full page loads), and once
 * a reader has chosen a version explicitly every URL they land on carries it, so a copied link
 * shows the recipient the same version.
 */
import type {ClientModule} from '@docusaurus/types';
import {applyVersion, currentVersion, rememberedVersion} from '../components/DovecotVersion/store';
import {VERSION_PARAM, parseVersion, withVersionParam} from '../lib/version';

const clientModule: ClientModule = {
  onRouteDidUpdate({location}) {
    const fromUrl = parseVersion(new URLSearchParams(location.search).get(VERSION_PARAM));
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
