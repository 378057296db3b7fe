// Registers the site's MDX building blocks once, so pages use them without imports.
import MDXComponents from '@theme-original/MDXComponents';
import {Default, DefaultsTable, Setting} from '@site/src/components/CatalogIsland';
import WideTable from '@site/src/components/WideTable';
import {V23, V23Block, V24, V24Block} from '@site/src/components/DovecotVersion/ByVersion';

export default {...MDXComponents, V23, V24, V23Block, V24Block, Setting, Default, DefaultsTable, table: WideTable};
