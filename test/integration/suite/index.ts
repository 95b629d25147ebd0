import type MochaType from 'mocha';

/** Entry point the extension host calls: runs the suite with mocha and rejects on any failure. */
export async function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as typeof MochaType & { default?: typeof MochaType };
  const Mocha = loaded.default ?? loaded; // mocha 12 is an ES module loaded through require
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Each module registers its describe() blocks when it is loaded, after the globals exist.
  await import('./setup.js');
  await import('./credentialsImport.test.js');
  await import('./credentials.test.js');
  await import('./translateSelection.test.js');
  await import('./translateMarkdownFile.test.js');
  await import('./firstMinutes.test.js');
  await import('./glossary.test.js');
  await import('./settings.test.js');
  await import('./firstRun.test.js');
  await import('./localization.test.js');
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
