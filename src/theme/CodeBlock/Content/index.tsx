/**
 * Code block content coloured by the site's own tokenizer (src/lib/highlight) instead of
 * prism-react-renderer, which would put Prism and a dozen unused languages into every page's
 * JavaScript. Same markup as Docusaurus's own component, so its line, line-number, word-wrap and
 * copy features work unchanged; the colours come from the `token <type>` classes and the
 * stylesheet of both colour modes (plugins/code-highlighting.ts), never from inline styles that
 * would only match the reader's mode after hydration.
 * While a page from the server hydrates, the coloured lines keep the server's markup (a block is
 * hundreds of elements on a long page, and nothing in them reacts to anything): only the block's
 * buttons, which read the code from props, are hydrated. A block whose code changes later (a
 * widget's output) renders its lines anew.
 */
import React, {useMemo, useRef, type ReactNode} from 'react';
import clsx from 'clsx';
import {useCodeBlockContext} from '@docusaurus/theme-common/internal';
import Line, {type Props as LineProps} from '@theme/CodeBlock/Line';
import {highlightLines} from '@site/src/lib/highlight';
import {useKeptServerMarkup} from '@site/src/components/StaticIsland/useKeptServerMarkup';
import styles from './styles.module.css';

/**
 * Above this many lines a block is shown as one plain text node: a config pasted into the
 * explainer can come back as tens of thousands of lines, and a coloured element per token would
 * keep the browser busy for seconds. The whole text is still there to read and copy.
 */
const LARGEST_COLOURED_BLOCK = 2000;

type LinePropsFn = LineProps['getLineProps'];
type TokenPropsFn = LineProps['getTokenProps'];

function lineCount(code: string): number {
  let n = 1;
  for (let i = code.indexOf('\n'); i !== -1 && n <= LARGEST_COLOURED_BLOCK; i = code.indexOf('\n', i + 1)) n++;
  return n;
}

export default function CodeBlockContent({className}: {className?: string}): ReactNode {
  const {metadata, wordWrap} = useCodeBlockContext();
  const {code, lineNumbersStart, lineClassNames} = metadata;
  const language = metadata.language.toLowerCase();
  const firstCode = useRef(code);
  const {ref: codeRef, kept: keptAtFirst} = useKeptServerMarkup<HTMLElement>();
  const kept = keptAtFirst && code === firstCode.current;
  const large = useMemo(() => lineCount(code) > LARGEST_COLOURED_BLOCK, [code]);
  const lines = useMemo(() => (large || kept ? [] : highlightLines(code, language)), [code, language, large, kept]);

  const getLineProps: LinePropsFn = ({className: lineClass, line: _line, ...rest}) => ({
    ...rest,
    className: clsx('token-line', lineClass),
  });
  const getTokenProps: TokenPropsFn = ({token, className: tokenClass, style, ...rest}) => ({
    ...rest,
    className: clsx('token', ...token.types, tokenClass),
    children: token.content,
    // an empty line's placeholder keeps its height
    style: token.empty ? {display: 'inline-block', ...style} : style,
  });
  const numbered = lineNumbersStart !== undefined;

  return (
    <pre
      ref={wordWrap.codeBlockRef}
      // Keyboard users can scroll a wide block.
      tabIndex={0}
      className={clsx(className, `prism-code language-${language}`, styles.codeBlock, 'thin-scrollbar')}>
      <code
        // a new element when the kept markup gives way to rendered lines, so none of it stays
        key={kept ? 'kept' : 'rendered'}
        ref={codeRef}
        className={clsx(styles.codeBlockLines, numbered && styles.codeBlockLinesWithNumbering)}
        style={numbered ? {counterReset: `line-count ${lineNumbersStart - 1}`} : undefined}
        {...(kept ? {dangerouslySetInnerHTML: {__html: ''}, suppressHydrationWarning: true} : {})}>
        {kept
          ? undefined
          : large
          ? code
          : lines.map((line, i) => (
              <Line
                key={i}
                line={line}
                getLineProps={getLineProps}
                getTokenProps={getTokenProps}
                classNames={lineClassNames[i]}
                showLineNumbers={numbered}
              />
            ))}
      </code>
    </pre>
  );
}
