import type MochaType from 'mocha';

/** Entry point the extension host calls: runs the suite with mocha and rejects on any failure. */
export async function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof MochaType;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // Each module registers its describe() blocks when it is loaded, after the globals exist.
  await import('./setup');
  await import('./credentials.test');
  await import('./translateSelection.test');
  await import('./translateMarkdownFile.test');
  await import('./glossary.test');
  await import('./settings.test');
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
