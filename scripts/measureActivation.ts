/**
 * Measures how long the extension takes to activate, against a hello-world extension (a command
 * and a status bar item), in the real VS Code of the integration tests: each is started fresh
 * several times with `activationEvents: ["onStartupFinished"]`, and the extension host's own
 * performance marks give the time to load its code and the time its `activate()` took.
 *
 *   npm run build && npx tsx scripts/measureActivation.ts [--starts 5]
 *
 * It measures the bundle in dist/ (`node esbuild.mjs --production` first for the shipped one).
 * VS Code reports an extension's activation as code loading + activate call + its promise; the
 * marks `code/extHost/{will,did}LoadExtensionCode/<id>` and `{will,did}ActivateExtension/<id>`
 * bracket exactly those (Date.now() resolution: 1 ms).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const runner = path.join(root, 'scripts/vscode/run.mjs');

interface Sample {
  load: number;
  activate: number;
  total: number;
}

/** Runs in the extension host: waits for the extension to be active, then saves the marks. */
const PROBE = `
const vscode = require('vscode');
const fs = require('fs');
exports.run = async () => {
  const id = process.env.MEASURE_EXTENSION_ID;
  const deadline = Date.now() + 60000;
  while (!vscode.extensions.getExtension(id)?.isActive) {
    if (Date.now() > deadline) throw new Error(id + ' did not activate');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const marks = globalThis.MonacoPerformanceMarks.getMarks().filter((mark) => mark.name.endsWith('/' + id));
  fs.writeFileSync(process.env.MEASURE_OUT, JSON.stringify(marks));
};
`;

const HELLO_MANIFEST = {
  name: 'hello-world',
  publisher: 'measure',
  version: '0.0.1',
  engines: { vscode: '^1.90.0' },
  main: './extension.js',
  activationEvents: ['onStartupFinished'],
  contributes: { commands: [{ command: 'helloWorld.hello', title: 'Hello World' }] },
};

const HELLO_EXTENSION = `
const vscode = require('vscode');
exports.activate = (context) => {
  const item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  item.text = 'Hello';
  item.show();
  context.subscriptions.push(item, vscode.commands.registerCommand('helloWorld.hello', () => vscode.window.showInformationMessage('Hello World!')));
};
`;

/** A copy of this extension as it ships (manifest, bundle, localization, media), activated on startup. */
function copyOurs(dir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { publisher: string; name: string };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, activationEvents: ['onStartupFinished'] }, null, 2));
  for (const name of ['package.nls.json', 'package.nls.ko.json', 'dist/extension.js', 'l10n', 'media']) cpSync(path.join(root, name), path.join(dir, name), { recursive: true });
  return `${manifest.publisher}.${manifest.name}`;
}

function writeHello(dir: string): string {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(HELLO_MANIFEST, null, 2));
  writeFileSync(path.join(dir, 'extension.js'), HELLO_EXTENSION);
  return `${HELLO_MANIFEST.publisher}.${HELLO_MANIFEST.name}`;
}

function start(extensionDir: string, id: string, base: string, probe: string, workspace: string): Sample {
  const out = path.join(base, 'marks.json');
  rmSync(out, { force: true });
  const run = spawnSync(process.execPath, [runner, '--extension', extensionDir, '--tests', probe, '--workspace', workspace, '--timeout', '180'], {
    env: { ...process.env, MEASURE_EXTENSION_ID: id, MEASURE_OUT: out },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`the run of ${id} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const marks = new Map((JSON.parse(readFileSync(out, 'utf8')) as { name: string; startTime: number }[]).map((mark) => [mark.name.split('/')[2], mark.startTime]));
  const at = (name: string): number => {
    const time = marks.get(name);
    if (time === undefined) throw new Error(`no mark ${name} for ${id}`);
    return time;
  };
  const load = at('didLoadExtensionCode') - at('willLoadExtensionCode');
  const activate = at('didActivateExtension') - at('willActivateExtension');
  return { load, activate, total: load + activate };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function main(): void {
  const startsIndex = process.argv.indexOf('--starts');
  const starts = startsIndex > 0 ? Number(process.argv[startsIndex + 1]) : 5;
  if (!(starts >= 1)) throw new Error('--starts takes a positive number');
  const base = path.join(root, '.vscode-test', `activation-${process.pid}`);
  const hello = path.join(base, 'hello-world');
  const ours = path.join(base, 'extension');
  const workspace = path.join(base, 'workspace');
  for (const dir of [hello, ours, workspace]) mkdirSync(dir, { recursive: true });
  const probe = path.join(base, 'probe.js');
  writeFileSync(probe, PROBE);
  const candidates = [
    { label: 'hello world', dir: hello, id: writeHello(hello), samples: [] as Sample[] },
    { label: 'this extension', dir: ours, id: copyOurs(ours), samples: [] as Sample[] },
  ];
  const bundle = readFileSync(path.join(root, 'dist/extension.js')).length;
  process.stdout.write(`dist/extension.js: ${(bundle / 1024).toFixed(0)} KB; ${starts} fresh starts each, alternating\n`);
  try {
    for (let i = 1; i <= starts; i++) {
      for (const candidate of candidates) {
        const sample = start(candidate.dir, candidate.id, base, probe, workspace);
        candidate.samples.push(sample);
        process.stdout.write(`start ${i} ${candidate.label}: load ${sample.load} ms + activate ${sample.activate} ms = ${sample.total} ms\n`);
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  const medians = candidates.map((candidate) => ({
    label: candidate.label,
    load: median(candidate.samples.map((s) => s.load)),
    activate: median(candidate.samples.map((s) => s.activate)),
    total: median(candidate.samples.map((s) => s.total)),
  }));
  for (const m of medians) process.stdout.write(`median ${m.label}: load ${m.load} ms, activate ${m.activate} ms, total ${m.total} ms\n`);
  const [helloMedian, ourMedian] = medians;
  const ratio = ourMedian.total / Math.max(helloMedian.total, 1);
  process.stdout.write(`ratio: ${ratio.toFixed(1)}x the hello world's (onStartupFinished needs at most 1.5x)\n`);
}

main();
