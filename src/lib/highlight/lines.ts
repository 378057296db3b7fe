/**
 * Turns a token stream into lines of flat tokens, each with the list of token types it is
 * nested in (what the code block renders as `class="token …"` and colours from the theme).
 * Follows prism-react-renderer's rules, which Docusaurus's code block line component expects:
 * plain text at the top level is `plain`, a token's alias counts as a type, and an empty line
 * holds one `\n` token marked empty.
 */
import type {Stream} from './tokenize';

export interface LineToken {
  types: string[];
  content: string;
  empty?: boolean;
}
export type Line = LineToken[];

const NEWLINE = /\r\n|\r|\n/;

function withType(types: string[], type: string | undefined): string[] {
  return type === undefined || types[types.length - 1] === type ? types : [...types, type];
}

function closeLine(line: Line): void {
  if (line.length === 0) line.push({types: ['plain'], content: '\n', empty: true});
  else if (line.length === 1 && line[0].content === '') {
    line[0].content = '\n';
    line[0].empty = true;
  }
}

export function toLines(stream: Stream): Line[] {
  let line: Line = [];
  const lines: Line[] = [line];
  const visit = (items: Stream, outer: string[], nested: boolean): void => {
    for (const item of items) {
      if (typeof item !== 'string') {
        const types = withType(withType(outer, item.type), item.alias);
        if (typeof item.content === 'string') add(item.content, types);
        else visit(item.content, types, true);
      } else add(item, nested ? outer : ['plain']);
    }
  };
  const add = (text: string, types: string[]): void => {
    const parts = text.split(NEWLINE);
    line.push({types, content: parts[0]});
    for (let i = 1; i < parts.length; i++) {
      closeLine(line);
      line = [{types, content: parts[i]}];
      lines.push(line);
    }
  };
  visit(stream, [], false);
  closeLine(line);
  return lines;
}
