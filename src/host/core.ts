import type * as Core from '../core/api';

/**
 * The one way the host reaches the core's runtime values (providers, the glossary client, the
 * Markdown engine, detection, the localize operation): `core().GlossaryClient`, and so on. The
 * build turns this `require` into one of `dist/core.js`, a bundle of its own that Node loads on
 * the first call, so activation never pays for the parsers. Elsewhere in the host, import the
 * core's types with `import type`, and values only from the light modules of
 * `src/core/shared.ts` (ESLint enforces both).
 */
export function core(): typeof Core {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous, lazy load: the build makes it `require('./core.js')`
  return require('../core/api') as typeof Core;
}
