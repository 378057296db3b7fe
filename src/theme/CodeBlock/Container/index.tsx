/**
 * Docusaurus's code block container, without the inline colour variables it sets from the
 * colour mode it knows while rendering: on the server that is always the light theme, so in dark
 * mode every block flashed light until hydration. The colours of both modes come from the
 * stylesheet plugins/code-highlighting.ts generates, keyed on `<html data-theme>`.
 */
import React, {type ComponentProps, type ReactNode} from 'react';
import clsx from 'clsx';
import {ThemeClassNames} from '@docusaurus/theme-common';
import styles from './styles.module.css';

export default function CodeBlockContainer<T extends 'div' | 'pre'>({as: As, ...props}: {as: T} & ComponentProps<T>): ReactNode {
  const Tag = As as React.ElementType;
  return <Tag {...props} className={clsx(props.className, styles.codeBlockContainer, ThemeClassNames.common.codeBlock)} />;
}
