import * as path from 'node:path';
import type { LanguageCode } from '../core/languages';
import { createProvider, routeProvider } from '../core/providers/registry';
import { parse, parsePositiveInt, parseProvider, parseSource, parseTargets, usageError } from './args';
import { cliContext } from './context';
import { progressReporter, type CliIo } from './io';
import * as engine from '../core/markdown';

interface FileReport {
  file: string;
  to: LanguageCode;
  output: string;
  segments: number;
  charsSent: number;
  requests: number;
  cacheHits: number;
}

/**
 * `localize FILE... --to LANGS [--from LANG] [--provider P] [--in-place] [--out PATTERN] [--dry-run]
 * [--json] [--no-memory] [--memory PATH] [--concurrency N]`
 */
export async function localizeCommand(args: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(args, {
    to: { type: 'string' },
    from: { type: 'string' },
    provider: { type: 'string' },
    'in-place': { type: 'boolean' },
    out: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    'no-memory': { type: 'boolean' },
    memory: { type: 'string' },
    concurrency: { type: 'string' },
  });
  if (positionals.length === 0) throw usageError('Give at least one Markdown file to localize.');
  const to = parseTargets(values.to);
  const from = parseSource(values.from);
  const choice = parseProvider(values.provider);
  const concurrency = parsePositiveInt(values.concurrency, '--concurrency', 4);
  if (values['in-place'] && to.length !== 1) throw usageError('--in-place takes exactly one target language.');
  if (values['in-place'] && values.out) throw usageError('--in-place and --out cannot be used together.');
  if (values['no-memory'] && values.memory) throw usageError('--no-memory and --memory cannot be used together.');

  const context = cliContext(io);
  const provider = createProvider(routeProvider('markdown', choice, context.provider.credentials), context.provider);
  const memory = values['no-memory']
    ? undefined
    : await engine.FileTranslationMemory.open(path.resolve(io.cwd, values.memory ?? '.hive-papago-memory.json'), context.provider.logger);
  const progress = progressReporter(io);

  // Read and check every file before sending anything.
  const files = [];
  for (const file of positionals) {
    const absolute = path.resolve(io.cwd, file);
    files.push({ file, absolute, source: await engine.readMarkdownFile(absolute) });
  }

  const reports: FileReport[] = [];
  for (const { file, absolute, source } of files) {
    const outputFor = (lang: LanguageCode) => (values['in-place'] ? absolute : path.resolve(io.cwd, engine.outputPathFor(absolute, lang, values.out)));
    const common = {
      provider,
      from,
      to,
      concurrency,
      memory,
      signal,
      sourcePath: absolute,
      outputPathFor: outputFor,
    };
    if (values['dry-run']) {
      const plan = engine.planMarkdown(source, common);
      for (const lang of to) {
        reports.push({ file, to: lang, output: outputFor(lang), segments: plan.segments, charsSent: plan.charsToSend, requests: 0, cacheHits: plan.cacheHits });
      }
      continue;
    }
    const result = await engine.localizeMarkdown(source, {
      ...common,
      onJobState: (state) => progress.update(`${file}: Hive job ${state}`),
      onProgress: (done, total) => progress.update(`${file}: ${done}/${total} segments`),
    });
    progress.done();
    for (const output of result.outputs) {
      const target = outputFor(output.to);
      await engine.writeFileAtomic(target, output.text);
      reports.push({
        file,
        to: output.to,
        output: target,
        segments: result.segments,
        charsSent: result.charsSent,
        requests: result.requests,
        cacheHits: result.cacheHits,
      });
    }
    await memory?.flush();
  }

  if (values.json) {
    io.stdout(JSON.stringify({ files: reports.map((r) => ({ ...r, output: path.relative(io.cwd, r.output) || r.output })) }) + '\n');
  } else {
    for (const r of reports) {
      const verb = values['dry-run'] ? 'would send' : 'sent';
      io.stderr(
        `${r.file} -> ${path.relative(io.cwd, r.output)} [${r.to}]: ${r.segments} segments, ${verb} ${r.charsSent} characters in ${r.requests} requests, ${r.cacheHits} from memory\n`,
      );
    }
  }
  return 0;
}
