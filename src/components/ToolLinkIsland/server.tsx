/** Server render (and Node): the docs links into the widgets, each in its island wrapper. */
import {CalculatorLink as RealCalculatorLink, GeneratorLink as RealGeneratorLink, type CalculatorLinkProps, type GeneratorLinkProps} from '../ToolLink';
import {serverIsland} from '../StaticIsland/server';

export const CalculatorLink = serverIsland<CalculatorLinkProps>('span', 'CalculatorLink', RealCalculatorLink);
export const GeneratorLink = serverIsland<GeneratorLinkProps>('span', 'GeneratorLink', RealGeneratorLink);
