// Adds the Dovecot configuration grammar to the Prism instance the code blocks use.
import originalInclude from '@theme-original/prism-include-languages';
import type * as PrismNamespace from 'prismjs';
import {dovecotGrammar} from '@site/src/lib/prismDovecot';

export default function prismIncludeLanguages(PrismObject: typeof PrismNamespace): void {
  originalInclude(PrismObject);
  PrismObject.languages.dovecot = dovecotGrammar as unknown as PrismNamespace.Grammar;
}
