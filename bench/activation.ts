/**
 * Section 1, activation: how long the extension takes to activate, against a hello-world
 * extension (a command and a status bar item), in the real VS Code of the integration tests. Each
 * is started fresh several times, alternating, with `activationEvents: ["onStartupFinished"]`;
 * the extension host's own performance marks give the time to load its code and the time its
 * `activate()` took. The extension is the production build as it ships: the VSIX of
 * `npm run package`, unpacked.
 *
 *   npx tsx bench/activation.ts [--starts 5]     (this section alone; packages first)
 *
 * VS Code reports an extension's activation as code loading + activate call + its promise; the
 * marks `code/extHost/{will,did}LoadExtensionCode/<id>` and `{will,did}ActivateExtension/<id>`
 * bracket exactly those (Date.now() resolution: 1 ms).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { packageInTemp, ROOT, type Packaged } from './packaged';
import { median } from './stats';
import { textTable, verdict, type Row } from './table';

const runner = path.join(ROOT, 'scripts/vscode/run.mjs');
export const ACTIVATION_TARGET_RATIO = 1.5;

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

/** This extension as the VSIX installs it, activated on startup. */
function writeOurs(packaged: Packaged, dir: string): string {
  packaged.extract(dir);
  const file = path.join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { publisher: string; name: string };
  writeFileSync(file, JSON.stringify({ ...manifest, activationEvents: ['onStartupFinished'] }, null, 2));
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

/** `starts` fresh starts of each, alternating; `log` gets a line per start. */
export function activation(packaged: Packaged, starts: number, log: (line: string) => void): Row[] {
  const base = mkdtempSync(path.join(tmpdir(), 'hpt-bench-activation-'));
  const hello = path.join(base, 'hello-world');
  const ours = path.join(base, 'extension');
  const workspace = path.join(base, 'workspace');
  for (const dir of [hello, ours, workspace]) mkdirSync(dir, { recursive: true });
  const probe = path.join(base, 'probe.js');
  writeFileSync(probe, PROBE);
  const candidates = [
    { label: 'hello world', dir: hello, id: writeHello(hello), samples: [] as Sample[] },
    { label: 'this extension', dir: ours, id: writeOurs(packaged, ours), samples: [] as Sample[] },
  ];
  try {
    for (let i = 1; i <= starts; i++) {
      for (const candidate of candidates) {
        const sample = start(candidate.dir, candidate.id, base, probe, workspace);
        candidate.samples.push(sample);
        log(`activation: start ${i} ${candidate.label}: load ${sample.load} ms + activate ${sample.activate} ms = ${sample.total} ms`);
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  const [helloSide, ourSide] = candidates.map((candidate) => ({
    load: median(candidate.samples.map((s) => s.load)),
    activate: median(candidate.samples.map((s) => s.activate)),
    total: median(candidate.samples.map((s) => s.total)),
  }));
  const ratio = ourSide.total / Math.max(helloSide.total, 1);
  const of = `median of ${starts} fresh starts`;
  return [
    {
      section: 'activation',
      figure: `load + activate (${of})`,
      value: `${ourSide.total} ms (load ${ourSide.load} + activate ${ourSide.activate})`,
      baseline: `hello world: ${helloSide.total} ms (load ${helloSide.load} + activate ${helloSide.activate})`,
      target: '',
      verdict: '',
    },
    {
      section: 'activation',
      figure: 'ratio to hello world',
      value: `${ratio.toFixed(2)}x`,
      baseline: '1x',
      target: `at most ${ACTIVATION_TARGET_RATIO}x`,
      verdict: verdict(ratio <= ACTIVATION_TARGET_RATIO),
    },
  ];
}

/** Starts to make, from `--starts N` (default 5). */
export function startsOption(argv: readonly string[]): number {
  const index = argv.indexOf('--starts');
  const starts = index >= 0 ? Number(argv[index + 1]) : 5;
  if (!(Number.isInteger(starts) && starts >= 1)) throw new Error('--starts takes a positive whole number');
  return starts;
}

if (require.main === module) {
  const packaged = packageInTemp();
  try {
    process.stdout.write(textTable(activation(packaged, startsOption(process.argv), (line) => process.stderr.write(`${line}\n`))));
  } finally {
    packaged.dispose();
  }
}
