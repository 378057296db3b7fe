/**
 * Marks the bundles whose code nearly all runs while a page starts (React DOM with its scheduler,
 * and the app's main bundle) with V8's compile hint `//# allFunctionsCalledOnLoad`, as their first
 * line. Chromium (136 and later) then compiles every function of such a file on a background
 * thread while the file streams in, instead of compiling each one on the main thread the first
 * time hydration calls it; other browsers read a comment. Measured on /troubleshooting and
 * /calculator (traces of cold loads on a phone-sized screen, builds with and without the hint
 * alternating): the main thread's work after the first paint fell by a fifth to a third.
 *
 * The line is added after minification (which would drop a comment) and before the files' content
 * hashes are computed, so a file's name still changes with its bytes.
 */
import type {Plugin} from '@docusaurus/types';
import type {Compiler} from 'webpack';
import {REACT_DOM_CHUNK} from './dovecot-chunks';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** The chunks, by name, whose functions a page load calls nearly all of (`main` is the entry's). */
export const HINTED_CHUNKS: readonly string[] = [REACT_DOM_CHUNK, 'main'];

class CompileHintsWebpackPlugin {
  apply(compiler: Compiler): void {
    const {Compilation, sources} = compiler.webpack;
    compiler.hooks.thisCompilation.tap('CompileHints', (compilation) => {
      compilation.hooks.processAssets.tap({name: 'CompileHints', stage: Compilation.PROCESS_ASSETS_STAGE_DEV_TOOLING}, () => {
        for (const chunk of compilation.chunks) {
          if (!chunk.name || !HINTED_CHUNKS.includes(chunk.name)) continue;
          for (const file of chunk.files) {
            if (!file.endsWith('.js')) continue;
            compilation.updateAsset(file, (old) => new sources.ConcatSource(COMPILE_HINT, old));
          }
        }
      });
    });
  }
}

export default function compileHintsPlugin(): Plugin {
  return {
    name: 'compile-hints',
    configureWebpack(_config, isServer) {
      if (isServer) return {};
      return {plugins: [new CompileHintsWebpackPlugin()]};
    },
  };
}
