// An esbuild plugin: the CommonJS packages named by `filter` are evaluated on first use instead of when
// the bundle's modules start (~1-2 ms of a one-Dockerfile check for yaml, measured A/B). Each import of
// such a package gets a module of getters, one per export, that requires the real package on first
// access: esbuild keeps a CommonJS package's evaluation where its require() is, and reads every import
// of a CommonJS package as a property when it is used. Only for packages whose exports are read that
// way: none replaced, none read at a module's top level (that would load it at start, as before).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function lazyPackages(filter) {
  return {
    name: 'lazy-packages',
    setup(b) {
      b.onResolve({ filter }, (args) => ({ path: createRequire(join(args.resolveDir, 'x.js')).resolve(args.path), namespace: 'lazy-package' }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
        // The export names, from the package as Node loads it (the build machine's copy, which is bundled).
        const names = Object.keys(createRequire(args.path)(args.path));
        const getters = names.map((n) => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: () => load()[${JSON.stringify(n)}] });`);
        const contents = ['let loaded;', `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`, ...getters].join('\n');
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
