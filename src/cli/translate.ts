import { describeLanguage } from '../core/languages';
import { createProvider, routeProvider } from '../core/providers/registry';
import { parse, parseProvider, parseSource, parseTargets, usageError } from './args';
import { cliContext } from './context';
import { withNewline, type CliIo } from './io';

/** `translate [TEXT...] --to LANGS [--from LANG|auto] [--provider P] [--format text|html] [--glossary KEY] [--honorific] [--json]` */
export async function translateCommand(args: string[], io: CliIo, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse(args, {
    to: { type: 'string', multiple: true },
    from: { type: 'string' },
    provider: { type: 'string' },
    format: { type: 'string' },
    glossary: { type: 'string' },
    honorific: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const to = parseTargets(values.to);
  const from = parseSource(values.from);
  const choice = parseProvider(values.provider);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'html') throw usageError('--format must be text or html.');

  let text = positionals.join(' ');
  if (positionals.length === 0) {
    const input = await io.readStdin();
    if (input === undefined) throw usageError('Give the text to translate as arguments or on standard input.');
    text = input.replace(/\r?\n$/, '');
  }
  if (text.trim() === '') throw usageError('There is no text to translate.');

  const context = cliContext(io);
  const providerId = routeProvider(format, choice, context.provider.credentials);
  if (values.glossary && providerId !== 'papago') throw usageError('--glossary works only with the papago provider.');
  // Formal speech where Papago offers it; other providers ignore the option.
  const provider = createProvider(providerId, { ...context.provider, options: { honorific: values.honorific === true } });
  const result = await provider.translate({ text, from, to, format, glossaryKey: values.glossary, signal });
  context.provider.logger.info(
    `translated ${text.length} characters ${describeLanguage(from)} -> ${to.join(',')} with ${providerId} in ${result.requests} request(s)`,
  );

  if (values.json) {
    io.stdout(
      JSON.stringify({
        provider: result.provider,
        from: result.from,
        detectedLanguage: result.detectedLanguage ?? null,
        translations: result.translations,
      }) + '\n',
    );
  } else if (result.translations.length === 1) {
    io.stdout(withNewline(result.translations[0].text));
  } else {
    io.stdout(result.translations.map((t) => `[${t.to}]\n${withNewline(t.text)}`).join('\n'));
  }
  return 0;
}
