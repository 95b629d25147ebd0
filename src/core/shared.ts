/**
 * The light part of the core: small pure modules the extension's host may import as values, and
 * that the activation itself can afford. Built once into `dist/shared.js`, which both
 * `dist/extension.js` and `dist/core.js` require, so each class here (TranslateError,
 * RedactingLogger) exists once and `instanceof` holds across the bundles.
 *
 * Every module listed here must import only modules listed here (a unit test checks it), and the
 * build reads this list: a module re-exported here is never copied into another bundle.
 */
export * from './endpoints';
export * from './errors';
export * from './languages';
export * from './localize/stateFile';
export * from './messages';
export * from './options';
export * from './providers/types';
export * from './runtime';
export * from './services';
