/**
 * The core as the extension loads it: the entry of `dist/core.js`, which the extension requires
 * on first use through `src/host/core.ts`, never at activation. It names every runtime value the
 * host takes from the heavy part of the core (providers, HTTP, glossary API and CSV, detection,
 * the Markdown engine, the localize operation). The light modules that activation may need
 * (errors, languages, messages, settings parsing) are in `./shared.ts` instead.
 *
 * Each name comes from the file that defines it, not from a folder's index: an index also brings
 * what only the CLI uses (file globbing: tinyglobby, picomatch, ignore), and the bundle with it.
 */
export { testConnections } from './connection';
export { detectLanguage } from './detect';
export { writeFileAtomic } from './files';
export { GLOSSARY_MAX_DESCRIPTION_CHARS, GLOSSARY_MAX_NAME_CHARS, GlossaryClient } from './glossary/client';
export { GlossaryCsvError, validateGlossaryCsv } from './glossary/csv';
export { diskAccess } from './localize/disk';
export { expandInputs } from './localize/inputs';
export { outputsOf } from './localize/paths';
export { failedReport, runLocalization } from './localize/run';
export { LocalizationState, STATE_FILE } from './localize/state';
export { sourceChanges, translationStatus } from './localize/status';
export { planMarkdown } from './markdown';
export { decodeMarkdownBytes, readMarkdownFile } from './markdown/files';
export { FileTranslationMemory } from './markdown/memory';
export { PAPAGO_GLOSSARY_PAIRS } from './providers/papago';
export { createProvider, routeProvider } from './providers/registry';
export { createHttpStack } from './runtime-node';
export { credentialSecrets } from './signing';
