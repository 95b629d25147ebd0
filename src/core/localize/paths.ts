import * as path from 'node:path';
import { TranslateError } from '../errors';
import { checkWritable, writeTarget } from '../files';
import type { LanguageCode } from '../languages';
import { outputPathFor } from '../markdown/output';
import type { OutputMode, PlannedOutput } from './types';
import { message, type Message } from '../messages';

function inputError(sentence: Message): TranslateError {
  return new TranslateError('input', sentence);
}

/** Where each target of `file` goes. */
export function outputsOf(file: string, to: readonly LanguageCode[], mode: OutputMode): PlannedOutput[] {
  if (mode.kind === 'inPlace') return to.map((lang) => ({ to: lang, path: file }));
  return to.map((lang) => ({ to: lang, path: outputPathFor(file, lang, mode.pattern) }));
}

/**
 * Refuses, before anything is sent, every way a run could destroy a file the user did not ask
 * to change, or fail only after paying: an output that is one of the inputs (unless translating
 * in place), or another protected file (the translation memory); two outputs on one path; an
 * output that cannot be written. Paths are compared after following symbolic links.
 */
export async function checkOutputs(
  files: readonly { file: string; outputs: readonly PlannedOutput[] }[],
  mode: OutputMode,
  protectedFiles: readonly string[] = [],
): Promise<void> {
  if (mode.kind === 'inPlace' && files.some((entry) => entry.outputs.length > 1)) {
    throw inputError(message('Translating in place takes exactly one target language.'));
  }
  const real = async (file: string): Promise<string> => path.resolve(await writeTarget(file));
  const inputs = new Map<string, string>();
  for (const entry of files) inputs.set(await real(entry.file), entry.file);
  const guarded = new Map<string, string>();
  for (const file of protectedFiles) guarded.set(await real(file), file);

  const taken = new Map<string, string>();
  for (const entry of files) {
    for (const output of entry.outputs) {
      const target = await real(output.path);
      const input = inputs.get(target);
      if (input !== undefined && !(mode.kind === 'inPlace' && input === entry.file)) {
        throw inputError(message('The output for {0} ({1}) would overwrite the source file {2}; choose another output pattern.', entry.file, output.to, input));
      }
      const other = guarded.get(target);
      if (other !== undefined) throw inputError(message('The output for {0} ({1}) would overwrite {2}; choose another output pattern.', entry.file, output.to, other));
      const previous = taken.get(target);
      if (previous !== undefined) {
        throw inputError(message('Two translations would be written to {0} ({1} and {2} [{3}]); put {4} and {5} in the output pattern.', output.path, previous, entry.file, output.to, '{lang}', '{name}'));
      }
      taken.set(target, `${entry.file} [${output.to}]`);
    }
  }
  for (const output of taken.keys()) await checkWritable(output);
}
