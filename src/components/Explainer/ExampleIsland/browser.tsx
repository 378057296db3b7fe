/**
 * Browser build: the explainer's example keeps its server markup (../../StaticIsland), so the
 * page does not ship the analysis engine, which runs in the explainer's Web Worker.
 */
import {browserIsland} from '../../StaticIsland/browser';

export default browserIsland<object>('div', 'ExplainerExample', () => import('../Example').then((m) => m.default));
