// Minimal types for the render test: the project has no @types/react-dom. Once it is installed,
// delete this file.
declare module 'react-dom/server' {
  import type {ReactNode} from 'react';
  export function renderToStaticMarkup(node: ReactNode): string;
}
