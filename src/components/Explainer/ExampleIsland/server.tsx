/** Server render (and Node): the explainer's example, analysed, in its island wrapper. */
import Example from '../Example';
import {serverIsland} from '../../StaticIsland/server';

export default serverIsland<object>('div', 'ExplainerExample', Example);
