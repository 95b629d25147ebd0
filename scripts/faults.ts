/**
 * `npm run faults`: the robustness table. Runs the real CLI (`node dist/cli.js`, built by the npm
 * script) as child processes against the emulator, started here on an ephemeral port, over
 * (a) 120 package READMEs in a folder with nested subfolders and (b) the 1 MiB bench document,
 * under service faults, and prints one Markdown table row per scenario and input:
 *
 *   npm run faults
 *   npm run faults -- --only none,5xx,kill --inputs readmes      (a selection, for a quick look)
 *
 * Scenario ids are in SCENARIOS below. Slow scenarios (timeouts, Retry-After waits, two runs) use
 * the first 40 READMEs only and the Hive ones the first 20; their rows say so. A run still going
 * after 180 s is stopped (SIGTERM, then SIGKILL) and its row says so.
 *
 * Columns: files written whole; files failed cleanly (no output at all); files corrupted (an
 * output that exists but does not keep its source's structure, is not valid UTF-8, lost its final
 * line break, or an unreadable memory file, or any `.*.tmp` file left in the tree; must be 0);
 * user files changed (source files whose bytes differ afterwards; must be 0); units untranslated
 * (from the CLI's `--json` report, "n/a" when it has none); requests (the emulator's counter);
 * credentials seen (emulator keys and secrets, the Hive Signature and anything that looks like an
 * `x-ncp-apigw-signature-v2` value, in the CLI's stdout, stderr or any file it wrote; must be 0);
 * the exit code. Exits 1 when a must-be-0 column is not 0, 2 when the script itself fails.
 * Temporary folders are removed and the emulator stopped also on Ctrl+C or SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import MarkdownIt from 'markdown-it';
import { STATE_FILE, STATE_FORMAT } from '../src/core/localize/state';
import { MEMORY_FORMAT } from '../src/core/markdown/memory';
import { parseStore } from '../src/core/store/lineStore';
import { DEFAULT_FRONT_MATTER_FIELDS } from '../src/core/markdown/frontMatter';
import { compareStructure } from '../src/core/markdown/guard';
import { htmlLinkAttributes } from '../src/core/markdown/links';
import { outputPathFor } from '../src/core/markdown/output';
import { parseDocument } from '../src/core/markdown/segment';
import { hiveSignature } from '../src/core/signing';
import { DEFAULT_CREDENTIALS, environmentLines, startEmulator, type Emulator, type FaultSpec, type RequestInfo } from '../test/emulator/server';
import { benchDocument, readmeSet, type NamedReadme } from '../test/fixtures/corpus';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const TARGET = 'ko';
const README_COUNT = 120;
/** A run still going after this is stopped (SIGTERM, then SIGKILL) and reported as a timeout: long enough for a 1 MiB document through Hive jobs with damaged answers. */
const RUN_LIMIT_MS = 180_000;
const KILL_GRACE_MS = 5_000;
/** The SIGKILL scenario kills the CLI once the emulator has answered this many requests. */
const KILL_AFTER_REQUESTS = 40;
/** A short request timeout for the hang and endless-body scenarios. */
const SHORT_TIMEOUT = { HIVE_PAPAGO_TIMEOUT_MS: '2000' };
const MEMORY_FILE = '.hive-papago-memory.json';
const SHARED_MEMORY = 'shared-memory.json';

type Provider = 'papago' | 'hive';
type InputId = 'readmes' | 'bench';

interface Scenario {
  id: string;
  title: string;
  provider: Provider;
  faults?: FaultSpec[];
  env?: Record<string, string>;
  /** How the CLI is run: once (default), killed then run again, or twice at once. */
  mode?: 'once' | 'kill' | 'concurrent';
  /** The inputs (default both). */
  inputs?: InputId[];
  /** For slow scenarios: only the first N of the READMEs (the table says so). */
  readmes?: number;
}

/** The README subset of the slow scenarios (timeouts, Retry-After waits, two runs). */
const SUBSET = 40;
/** The README subset of the Hive scenarios: the client waits a second before a job's first poll. */
const HIVE_SUBSET = 20;

const SCENARIOS: Scenario[] = [
  { id: 'none', title: 'none (baseline)', provider: 'papago' },
  { id: '429', title: '429 storm (20, Retry-After: 1)', provider: 'papago', readmes: SUBSET, faults: [{ kind: 'status', status: 429, retryAfter: '1', times: 20 }] },
  {
    id: '5xx',
    title: '5xx (6 × 500, 6 × 503)',
    provider: 'papago',
    faults: [
      { kind: 'status', status: 500, times: 6 },
      { kind: 'status', status: 503, times: 6 },
    ],
  },
  { id: 'reset', title: 'connection resets (8)', provider: 'papago', faults: [{ kind: 'reset', times: 8 }] },
  { id: 'hang', title: 'hangs (4, timeout 2 s)', provider: 'papago', readmes: SUBSET, faults: [{ kind: 'hang', times: 4 }], env: SHORT_TIMEOUT },
  { id: 'endless', title: 'endless bodies (4, timeout 2 s)', provider: 'papago', readmes: SUBSET, faults: [{ kind: 'endlessBody', times: 4 }], env: SHORT_TIMEOUT },
  { id: 'malformed', title: 'malformed JSON (6)', provider: 'papago', faults: [{ kind: 'malformedJson', times: 6 }] },
  { id: 'damage1', title: 'damaged markup 1%', provider: 'papago', faults: [{ kind: 'damageMarkup', share: 0.01, seed: 1, times: Infinity }] },
  { id: 'damage5', title: 'damaged markup 5%', provider: 'papago', faults: [{ kind: 'damageMarkup', share: 0.05, seed: 1, times: Infinity }] },
  { id: 'cjk', title: 'CJK quotes (50% of pairs)', provider: 'papago', faults: [{ kind: 'quoteCjk', share: 0.5, seed: 1, times: Infinity }] },
  { id: 'adversarial', title: 'adversarial text (every piece)', provider: 'papago', faults: [{ kind: 'adversarial', share: 1, seed: 1, times: Infinity }] },
  { id: 'kill', title: `SIGKILL after ${KILL_AFTER_REQUESTS} requests, then re-run`, provider: 'papago', mode: 'kill' },
  { id: 'concurrent', title: 'two concurrent runs, one --memory file', provider: 'papago', mode: 'concurrent', readmes: SUBSET },
  {
    id: 'echo',
    title: 'echoHeaders 502 (3), HIVE_PAPAGO_LOG=debug',
    provider: 'papago',
    readmes: SUBSET,
    faults: [{ kind: 'echoHeaders', times: 3 }],
    env: { HIVE_PAPAGO_LOG: 'debug' },
  },
  // Hive: Markdown goes through async jobs (submit, then result polls; the emulator completes a
  // job at its first poll). Faults on `*` hit the submit first, a POST that must not be retried blindly.
  { id: 'hive-none', title: 'none (baseline)', provider: 'hive', readmes: HIVE_SUBSET },
  { id: 'hive-5xx', title: '5xx on result polls (6 × 503)', provider: 'hive', readmes: HIVE_SUBSET, faults: [{ route: 'hive.async.result', kind: 'status', status: 503, times: 6 }] },
  {
    id: 'hive-damage5',
    title: 'damaged markup 5%',
    provider: 'hive',
    readmes: HIVE_SUBSET,
    faults: [{ kind: 'damageMarkup', share: 0.05, seed: 1, times: Infinity }],
  },
  {
    id: 'hive-echo',
    title: 'echoHeaders 502 (3), HIVE_PAPAGO_LOG=debug',
    provider: 'hive',
    inputs: ['readmes'],
    readmes: HIVE_SUBSET,
    faults: [{ kind: 'echoHeaders', times: 3 }],
    env: { HIVE_PAPAGO_LOG: 'debug' },
  },
];

// ---- inputs -----------------------------------------------------------------------------------

interface InputFile {
  /** Path relative to the run's folder, with `/`. */
  rel: string;
  text: string;
}

interface Input {
  id: InputId;
  label: string;
  files: InputFile[];
}

/** The first `count` of the README set: two thirds in `docs/`, the rest in `docs/guides/` and `docs/guides/api/`. */
function readmeInput(set: NamedReadme[], count: number): Input {
  const files = set.slice(0, count);
  const folderOf = (index: number) => (index < (files.length * 2) / 3 ? 'docs' : index < (files.length * 7) / 8 ? 'docs/guides' : 'docs/guides/api');
  const label = files.length < set.length ? `${files.length} of the ${set.length} READMEs (subset)` : `${files.length} READMEs`;
  return { id: 'readmes', label, files: files.map((readme, index) => ({ rel: `${folderOf(index)}/${readme.name}`, text: readme.text })) };
}

function benchInput(): Input {
  const { text } = benchDocument();
  return { id: 'bench', label: `bench doc (${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MiB)`, files: [{ rel: 'docs/bench.md', text }] };
}

// ---- the checks -------------------------------------------------------------------------------

/**
 * The engine's structural comparison of an output with its source: the one place that calls the
 * guard, whose signature may change. Returns the differences (none when the structure is kept).
 */
export function structureDifferences(source: string, output: string): string[] {
  const translatedFields = DEFAULT_FRONT_MATTER_FIELDS.map((field) => field.split('.'));
  return compareStructure(parseDocument(source), output, { translatedFields, rewrite: intendedLinkChanges(source, output) }).map((difference) => difference.message);
}

const plainMarkdown = new MarkdownIt('default', { html: true, linkify: false, typographer: false });

/** Link and image destinations of a document, in order, as markdown-it normalizes them. */
function destinations(text: string): string[] {
  const found: string[] = [];
  const visit = (tokens: readonly MarkdownIt.Token[]): void => {
    for (const token of tokens) {
      const value = token.type === 'link_open' ? token.attrGet('href') : token.type === 'image' ? token.attrGet('src') : null;
      if (value !== null) found.push(String(value));
      // HTML's link attributes, as written (the guard rewrites them raw).
      if (token.type === 'html_block' || token.type === 'html_inline') found.push(...htmlLinkAttributes(token.content).map((range) => range.value));
      if (token.children) visit(token.children);
    }
  };
  // Front matter is not Markdown: parsed as the engine parses it (hidden).
  visit(plainMarkdown.parse(parseDocument(text).source.parseText, {}));
  return found;
}

/**
 * The link changes a localization makes on purpose, and only those: a `#fragment` renamed for a
 * translated heading, a link to `x.md` pointed at `x.ko.md`. Any other change of a destination
 * stays a structural difference.
 */
function intendedLinkChanges(source: string, output: string): (href: string) => string {
  const before = destinations(source);
  const after = destinations(output);
  const changes = new Map<string, string>();
  if (before.length === after.length) {
    before.forEach((href, k) => {
      const [sourcePath] = href.split('#');
      const [outputPath] = after[k].split('#');
      const localized = sourcePath.replace(/\.(md|markdown)$/i, `.${TARGET}.$1`);
      if (href !== after[k] && (outputPath === sourcePath || (sourcePath !== '' && outputPath.endsWith(localized.split('/').pop()!)))) changes.set(href, after[k]);
    });
  }
  return (href) => changes.get(href) ?? href;
}

/** Why an output is not a whole translation of its source, or undefined when it is. */
export function outputProblem(source: string, bytes: Buffer): string | undefined {
  let output: string;
  try {
    output = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return 'not valid UTF-8';
  }
  if (source.length > 0 && output.length === 0) return 'empty';
  if (/\n$/.test(source) && !/\n$/.test(output)) return 'truncated (no final line break)';
  return structureDifferences(source, output)[0];
}

const SIGNATURE_LIKE = /[A-Za-z0-9+/]{43}=/g;
const { serviceKey, secretKey } = DEFAULT_CREDENTIALS.hive;
const SECRETS: readonly string[] = [
  ...Object.values(DEFAULT_CREDENTIALS).flatMap((entry) => Object.values(entry) as string[]),
  hiveSignature(serviceKey, secretKey),
];

function occurrences(text: string, value: string): number {
  return text.split(value).length - 1;
}

/** Credential values in `text`; signature-like values count unless `allowed` (the source) has them too. */
export function credentialsIn(text: string, allowed = ''): number {
  let count = SECRETS.reduce((sum, secret) => sum + occurrences(text, secret), 0);
  for (const match of text.match(SIGNATURE_LIKE) ?? []) {
    if (!SECRETS.includes(match) && !allowed.includes(match)) count++;
  }
  return count;
}

/** Text safe to print: credential values and signature-like strings masked. */
export function masked(text: string): string {
  let out = text;
  for (const secret of SECRETS) out = out.split(secret).join('<credential>');
  return out.replace(SIGNATURE_LIKE, '<signature?>');
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

// ---- running the CLI --------------------------------------------------------------------------

interface RunOutput {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();
/** Called for every request the emulator answers; the SIGKILL scenario watches it. */
let onEmulatorRequest: ((info: RequestInfo) => void) | undefined;

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv, killAfterRequests?: number): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    let grace: NodeJS.Timeout | undefined;
    const limit = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      grace = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, RUN_LIMIT_MS);
    if (killAfterRequests !== undefined) {
      let answered = 0;
      onEmulatorRequest = () => {
        if (++answered === killAfterRequests) child.kill('SIGKILL');
      };
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      clearTimeout(grace);
      children.delete(child);
      if (killAfterRequests !== undefined) onEmulatorRequest = undefined;
      resolve({ code, signal, timedOut, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

function exitText(run: RunOutput): string {
  if (run.timedOut) return `timeout (${run.signal ?? run.code})`;
  return run.signal ?? String(run.code);
}

// ---- the CLI's --json report ------------------------------------------------------------------

export interface ReportEntry {
  file: string;
  status?: string;
  untranslated?: unknown[];
}

/** The report's entries, or undefined when stdout holds none (today's CLI prints it only on success). */
export function readReport(stdout: string): ReportEntry[] | undefined {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((text) => text.startsWith('{'));
  if (!line) return undefined;
  try {
    const parsed = JSON.parse(line) as { files?: unknown };
    return Array.isArray(parsed.files) ? (parsed.files as ReportEntry[]) : undefined;
  } catch {
    return undefined;
  }
}

// ---- one row ----------------------------------------------------------------------------------

interface Row {
  scenario: string;
  input: string;
  provider: Provider;
  written: number;
  failedCleanly: number;
  corrupted: number;
  userFilesChanged: number;
  untranslated: string;
  requests: string;
  credentials: number;
  exit: string;
  notes: string[];
}

function totalOf(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0);
}

/** Characters the baseline row sent, per input and provider, to judge how much a re-run re-sends. */
const baselineChars = new Map<string, number>();

async function runRow(emu: Emulator, baseEnv: NodeJS.ProcessEnv, scenario: Scenario, input: Input, dir: string): Promise<Row> {
  // Fresh inputs, hashed before the run.
  const before = new Map<string, string>();
  for (const file of input.files) {
    const absolute = path.join(dir, file.rel);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, file.text);
    before.set(absolute, sha256(Buffer.from(file.text, 'utf8')));
  }
  emu.faults.clear();
  emu.counters.reset();
  emu.jobs.clear();
  emu.log.length = 0;
  for (const fault of scenario.faults ?? []) emu.faults.add(fault);

  const env = { ...baseEnv, ...scenario.env };
  const args = ['localize', ...input.files.map((file) => file.rel), '--to', TARGET, '--from', 'en', '--provider', scenario.provider, '--json'];
  const notes: string[] = [];
  const runs: RunOutput[] = [];
  let requests: string;
  const mode = scenario.mode ?? 'once';
  if (mode === 'kill') {
    const first = await runCli(args, dir, env, KILL_AFTER_REQUESTS);
    const firstRequests = totalOf(emu.counters.requests);
    const firstChars = totalOf(emu.counters.chars);
    emu.counters.reset();
    const second = await runCli(args, dir, env);
    runs.push(first, second);
    requests = `${firstRequests}+${totalOf(emu.counters.requests)}`;
    if (first.signal !== 'SIGKILL') notes.push('finished before the kill');
    const resent = totalOf(emu.counters.chars);
    const baseline = baselineChars.get(`${input.label}/${scenario.provider}`);
    const percent = (chars: number) => (baseline ? Math.round((100 * chars) / baseline) : 0);
    notes.push(
      baseline
        ? `characters sent, in % of the baseline: killed run ${percent(firstChars)}, re-run ${percent(resent)}, so ${percent(firstChars + resent) - 100} re-sent`
        : `killed run sent ${firstChars} characters, the re-run ${resent} (run the baseline too for percentages)`,
    );
  } else if (mode === 'concurrent') {
    const shared = [...args, '--memory', SHARED_MEMORY];
    runs.push(...(await Promise.all([runCli(shared, dir, env), runCli(shared, dir, env)])));
    requests = String(totalOf(emu.counters.requests));
  } else {
    runs.push(await runCli(args, dir, env));
    requests = String(totalOf(emu.counters.requests));
    if (!scenario.faults) baselineChars.set(`${input.label}/${scenario.provider}`, totalOf(emu.counters.chars));
  }
  emu.faults.clear();

  // What is on disk now.
  let written = 0;
  let failedCleanly = 0;
  let corrupted = 0;
  let credentials = 0;
  const problems: string[] = [];
  const outputs = new Set<string>();
  const reports = runs.map((run) => readReport(run.stdout));
  const statusOf = new Map<string, string>();
  for (const report of reports) {
    for (const entry of report ?? []) if (typeof entry.status === 'string') statusOf.set(path.resolve(dir, entry.file), entry.status);
  }
  let reportedButMissing = 0;
  for (const file of input.files) {
    const source = path.join(dir, file.rel);
    const output = outputPathFor(source, TARGET);
    outputs.add(output);
    if (!existsSync(output)) {
      failedCleanly++;
      if (statusOf.get(source) === 'written') reportedButMissing++;
      continue;
    }
    const bytes = readFileSync(output);
    credentials += credentialsIn(bytes.toString('utf8'), file.text);
    const problem = outputProblem(file.text, bytes);
    if (problem === undefined) {
      written++;
    } else {
      corrupted++;
      problems.push(`${path.basename(output)}: ${problem}`);
    }
  }
  if (reportedButMissing > 0) notes.push(`${reportedButMissing} reported written without an output`);

  let userFilesChanged = 0;
  for (const [file, hash] of before) if (!existsSync(file) || sha256(readFileSync(file)) !== hash) userFilesChanged++;

  for (const file of filesUnder(dir)) {
    if (before.has(file) || outputs.has(file)) continue;
    const name = path.basename(file);
    const bytes = readFileSync(file);
    credentials += credentialsIn(bytes.toString('utf8'));
    if (/^\..*\.tmp$/.test(name)) {
      corrupted++;
      problems.push(`${name}: temp file left`);
    } else if (name === MEMORY_FILE || name === SHARED_MEMORY || name === STATE_FILE) {
      const contents = name === STATE_FILE ? parseStore(bytes, STATE_FORMAT) : parseStore(bytes, MEMORY_FORMAT);
      if (contents.state !== 'lines' || contents.badLines > 0) {
        corrupted++;
        problems.push(`${name}: does not read back`);
      }
    } else {
      notes.push(`unexpected file ${path.relative(dir, file)}`);
    }
  }
  if (problems.length > 0) notes.push(`corrupted: ${problems.slice(0, 2).join('; ')}${problems.length > 2 ? ` (+${problems.length - 2})` : ''}`);

  for (const run of runs) credentials += credentialsIn(run.stdout) + credentialsIn(run.stderr);
  if (credentials > 0) {
    const where = runs.some((run) => credentialsIn(run.stderr) > 0) ? 'stderr' : runs.some((run) => credentialsIn(run.stdout) > 0) ? 'stdout' : 'files';
    notes.push(`credentials in ${where}`);
  }

  let untranslated = 'n/a';
  const withUnits = reports.flatMap((report) => report ?? []).filter((entry) => Array.isArray(entry.untranslated));
  if (withUnits.length > 0) untranslated = String(withUnits.reduce((sum, entry) => sum + entry.untranslated!.length, 0));
  if (reports.every((report) => report === undefined)) notes.push('no --json report');

  for (const run of runs.filter((r) => r.timedOut)) {
    notes.push(`still running after ${RUN_LIMIT_MS / 1000} s: ${run.signal === 'SIGKILL' ? 'ignored SIGTERM, killed' : 'stopped by SIGTERM'}`);
  }
  const failing = runs.find((run) => run.code !== 0 || run.signal !== null);
  // The CLI's own last words: the last line that is not a log line.
  const message = failing?.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^\[(trace|debug|info|warn|error)\]/.test(line))
    .at(-1);
  if (message) notes.push(`stderr: ${message.length > 110 ? `${message.slice(0, 110)}…` : message}`);

  return {
    scenario: scenario.title,
    input: input.label,
    provider: scenario.provider,
    written,
    failedCleanly,
    corrupted,
    userFilesChanged,
    untranslated,
    requests,
    credentials,
    exit: runs.map(exitText).join(mode === 'kill' ? ' → ' : ' / '),
    notes,
  };
}

// ---- the table --------------------------------------------------------------------------------

const HEADER = [
  'scenario',
  'input',
  'provider',
  'files written whole',
  'files failed cleanly',
  'files corrupted (must be 0)',
  'user files changed (must be 0)',
  'units untranslated',
  'requests',
  'credentials seen (must be 0)',
  'exit code',
  'notes',
];

function cell(value: string | number): string {
  return masked(String(value)).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function tableRow(row: Row): string {
  const values = [
    row.scenario,
    row.input,
    row.provider,
    row.written,
    row.failedCleanly,
    row.corrupted,
    row.userFilesChanged,
    row.untranslated,
    row.requests,
    row.credentials,
    row.exit,
    row.notes.join('; '),
  ];
  return `| ${values.map(cell).join(' | ')} |`;
}

function mustBeZeroBroken(row: Row): boolean {
  return row.corrupted > 0 || row.userFilesChanged > 0 || row.credentials > 0;
}

// ---- main -------------------------------------------------------------------------------------

function childEnvironment(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(HIVE_|NCP_|NAVER_|PAPAGO_)/.test(name)) env[name] = value;
  }
  for (const line of environmentLines(url)) {
    const [, name, value] = /^export ([A-Z_]+)=(.*)$/.exec(line) ?? [];
    if (name) env[name] = value;
  }
  return env;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, inputs: { type: 'string' } }, strict: true });
  const only = values.only?.split(',').map((id) => id.trim());
  const scenarios = only ? SCENARIOS.filter((scenario) => only.includes(scenario.id)) : SCENARIOS;
  if (only && scenarios.length !== only.length) throw new Error(`unknown scenario in --only; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const inputIds = (values.inputs?.split(',') ?? ['readmes', 'bench']) as InputId[];
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run faults does).');

  const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'hive-papago-faults-'));
  const emu = await startEmulator({ asyncSteps: { waiting: 0, processing: 0 }, onRequest: (info) => onEmulatorRequest?.(info) });
  let stopping = false;
  const cleanUp = async () => {
    for (const child of children) child.kill('SIGKILL');
    await emu.close();
    rmSync(tempRoot, { recursive: true, force: true });
  };
  const interrupt = (signal: NodeJS.Signals, code: number) =>
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\n${signal}: stopping the CLI runs and the emulator, removing ${tempRoot}\n`);
      void cleanUp().finally(() => process.exit(code));
    });
  interrupt('SIGINT', 130);
  interrupt('SIGTERM', 143);

  try {
    for (const id of inputIds) if (id !== 'readmes' && id !== 'bench') throw new Error(`unknown input ${String(id)}; use readmes, bench`);
    const readmes = readmeSet(README_COUNT);
    let bench: Input | undefined;
    const inputsOf = (scenario: Scenario): Input[] =>
      (scenario.inputs ?? ['readmes', 'bench'])
        .filter((id) => inputIds.includes(id))
        .map((id) => (id === 'readmes' ? readmeInput(readmes, scenario.readmes ?? readmes.length) : (bench ??= benchInput())));
    const baseEnv = childEnvironment(emu.url);
    const rows: Row[] = [];
    const started = performance.now();
    let index = 0;
    // The baselines come first in SCENARIOS: the SIGKILL scenario compares its re-run with them.
    for (const scenario of scenarios) {
      for (const input of inputsOf(scenario)) {
        if (stopping) return 130;
        const dir = path.join(tempRoot, `${String(++index).padStart(2, '0')}-${scenario.id}-${input.id}`);
        mkdirSync(dir);
        const rowStarted = performance.now();
        const row = await runRow(emu, baseEnv, scenario, input, dir);
        rmSync(dir, { recursive: true, force: true });
        rows.push(row);
        const seconds = ((performance.now() - rowStarted) / 1000).toFixed(1);
        process.stderr.write(`${scenario.id} / ${input.id}: exit ${row.exit}, ${row.written} written, ${row.corrupted} corrupted, ${seconds} s\n`);
      }
    }
    const total = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(`\n| ${HEADER.join(' | ')} |\n|${HEADER.map(() => '---').join('|')}|\n`);
    for (const row of rows) process.stdout.write(`${tableRow(row)}\n`);
    process.stdout.write(`\n${rows.length} runs against the emulator in ${total} s; target ${TARGET}, \`--from en\`, each run in a fresh folder.\n`);
    const broken = rows.filter(mustBeZeroBroken);
    if (broken.length > 0) {
      process.stdout.write(`\nFAILED: ${broken.length} row(s) have a must-be-0 column above 0.\n`);
      return 1;
    }
    return 0;
  } finally {
    if (!stopping) {
      stopping = true;
      await cleanUp();
    }
  }
}

// Run when executed (the checks above are also imported by the unit tests).
if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`faults: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
