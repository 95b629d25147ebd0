import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { TranslateError } from '../core/errors';
import { writeFileAtomic } from '../core/files';
import { GlossaryClient, GlossaryCsvError, validateGlossaryCsv } from '../core/glossary';
import { parse, usageError } from './args';
import { cliContext } from './context';
import { withNewline, type CliIo } from './io';

const USAGE = 'Use: glossary list [--json] | create NAME [--description TEXT] | upload KEY FILE.csv | download KEY [--out PATH] | delete KEY';

interface GlossaryArgs {
  values: { json?: boolean; description?: string; out?: string };
  positionals: string[];
  io: CliIo;
  signal: AbortSignal;
  client: () => GlossaryClient;
}

/** Each action and the number of positional arguments it takes. */
const ACTIONS: Record<string, [number, (args: GlossaryArgs) => Promise<number>]> = {
  list: [0, list],
  create: [1, async ({ positionals, values, io, signal, client }) => {
    io.stdout(`${await client().create(positionals[0], values.description, { signal })}\n`);
    return 0;
  }],
  upload: [2, upload],
  download: [1, download],
  delete: [1, async ({ positionals, io, signal, client }) => {
    await client().delete(positionals[0], { signal });
    io.stderr(`Deleted glossary ${positionals[0]}.\n`);
    return 0;
  }],
};

/** `glossary list|create|upload|download|delete`, over the NCP glossary API. */
export async function glossaryCommand(args: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parse(rest, {
    json: { type: 'boolean' },
    description: { type: 'string' },
    out: { type: 'string' },
  });
  const entry = action === undefined ? undefined : ACTIONS[action];
  if (!entry || positionals.length !== entry[0]) throw usageError(`${USAGE}.`);
  return entry[1]({ values, positionals, io, signal, client: () => new GlossaryClient(cliContext(io).provider) });
}

async function list({ values, io, signal, client }: GlossaryArgs): Promise<number> {
  const glossaries = await client().listAll({ signal });
  if (values.json) io.stdout(`${JSON.stringify({ glossaries })}\n`);
  else if (glossaries.length === 0) io.stderr('No glossaries.\n');
  else for (const g of glossaries) io.stdout(`${g.key}\t${g.name}\t${g.wordCount} terms${g.description ? `\t${g.description}` : ''}\n`);
  return 0;
}

async function upload({ positionals, io, signal, client }: GlossaryArgs): Promise<number> {
  const [key, file] = positionals;
  const bytes = await readInput(path.resolve(io.cwd, file));
  try {
    validateGlossaryCsv(bytes, file);
  } catch (error) {
    if (!(error instanceof GlossaryCsvError)) throw error;
    // One line per problem, as compilers print them (terminals and CI link them to the line).
    for (const problem of error.problems) io.stderr(`${file}${problem.line > 0 ? `:${problem.line}` : ''}: ${problem.message}\n`);
    io.stderr(`${file} was not uploaded: fix ${error.problems.length === 1 ? 'the problem' : `the ${error.problems.length} problems`} above.\n`);
    return 2;
  }
  const glossary = await client().upload(key, bytes, path.basename(file), { signal });
  io.stderr(`Uploaded ${glossary.wordCount} terms to ${glossary.name}.\n`);
  return 0;
}

async function download({ positionals, values, io, signal, client }: GlossaryArgs): Promise<number> {
  const { name, csv, archive } = await client().download(positionals[0], { signal });
  if (!values.out) {
    io.stdout(withNewline(csv));
    return 0;
  }
  const target = path.resolve(io.cwd, values.out);
  // `--out terms.zip` keeps the service's ZIP; any other name gets the CSV inside it.
  const zip = /\.zip$/i.test(values.out);
  await writeFileAtomic(target, zip ? archive : csv);
  io.stderr(`Saved ${zip ? 'the ZIP holding ' : ''}${name} to ${target}.\n`);
  return 0;
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TranslateError('input', code === 'ENOENT' ? `The file ${file} does not exist.` : `The file ${file} cannot be read (${code ?? 'error'}).`);
  }
}
