// Registers the site's MDX building blocks once, so pages use them without imports.
import MDXComponents from '@theme-original/MDXComponents';
import Default from '@site/src/components/Default';
import DefaultsTable from '@site/src/components/DefaultsTable';
import WideTable from '@site/src/components/WideTable';
import {Setting, V23, V23Block, V24, V24Block} from '@site/src/components/DovecotVersion/ByVersion';

export default {...MDXComponents, V23, V24, V23Block, V24Block, Setting, Default, DefaultsTable, table: WideTable};
