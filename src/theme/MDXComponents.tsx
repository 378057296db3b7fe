// Registers the site's MDX building blocks once, so pages use them without imports.
import MDXComponents from '@theme-original/MDXComponents';
import {Default, DefaultsTable, Setting} from '@site/src/components/CatalogIsland';
import {CalculatorLink, GeneratorLink} from '@site/src/components/ToolLinkIsland';
import {ExplainLine} from '@site/src/components/ExplainLine/island';
import StaticRun from '@site/src/components/StaticRun';
import WideTable from '@site/src/components/WideTable';
import {V23, V23Block, V24, V24Block} from '@site/src/components/DovecotVersion/ByVersion';

export default {...MDXComponents, V23, V24, V23Block, V24Block, Setting, Default, DefaultsTable, CalculatorLink, GeneratorLink, ExplainLine, StaticRun, table: WideTable};
