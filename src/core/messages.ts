import { describeLanguage, type SourceLanguage } from './languages';
import { SERVICE_NAMES, type ServiceId } from './services';

/**
 * The core's user-visible sentences, kept as an English template with `{0}`-style placeholders
 * and its arguments, so that each host renders them in its own language: the CLI and the log
 * read the English `text`; the extension passes the template to `vscode.l10n.t` as its key.
 *
 * Each template is a string literal, the first argument of `message`: a unit test collects them
 * from the source and checks that the extension translates each one. Arguments that a host
 * renders itself are marked: a language code, a service, a duration, a list of lines. A message
 * given as an argument is a clause: its final period is dropped.
 */
export type MessageArg =
  | string
  | number
  | Message
  | { readonly language: SourceLanguage }
  | { readonly service: ServiceId }
  | { readonly durationMs: number }
  /** Each message on a line of its own, indented by two spaces. */
  | { readonly lines: readonly Message[] };

export interface Message {
  /** The English template; undefined for text shown as it is (already in the host's language). */
  readonly template: string | undefined;
  readonly args: readonly MessageArg[];
  /** The English sentence. */
  readonly text: string;
}

/** How a host writes templates and marked arguments in its language. */
export interface MessageRenderer {
  /** The template in the host's language, `{0}`... replaced by the rendered arguments. */
  format(template: string, args: string[]): string;
  language(code: SourceLanguage): string;
  service(id: ServiceId): string;
  duration(ms: number): string;
}

/** A sentence from an English template (a literal) and its arguments. */
export function message(template: string, ...args: MessageArg[]): Message {
  return { template, args, text: render(template, args, ENGLISH) };
}

/** Text shown as it is, for callers that pass a finished string (the host's own, or the service's). */
export function plainText(text: string): Message {
  return { template: undefined, args: [], text };
}

/** The message in the renderer's language. */
export function renderMessage(sentence: Message, renderer: MessageRenderer): string {
  return sentence.template === undefined ? sentence.text : render(sentence.template, sentence.args, renderer);
}

function render(template: string, args: readonly MessageArg[], renderer: MessageRenderer): string {
  const text = renderer.format(template, args.map((arg) => renderArg(arg, renderer)));
  // A service named first starts the sentence: "the Papago glossary service ..." -> "The ...".
  const first = /^\{(\d+)\}/.exec(template);
  const leading = first ? args[Number(first[1])] : undefined;
  return leading !== undefined && typeof leading === 'object' && 'service' in leading ? capitalize(text) : text;
}

function renderArg(arg: MessageArg, renderer: MessageRenderer): string {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number') return String(arg);
  if ('language' in arg) return renderer.language(arg.language);
  if ('service' in arg) return renderer.service(arg.service);
  if ('durationMs' in arg) return renderer.duration(arg.durationMs);
  if ('lines' in arg) return arg.lines.map((line) => `\n  ${renderMessage(line, renderer)}`).join('');
  return renderMessage(arg, renderer).replace(/\.$/, '');
}

/** Replaces `{0}`, `{1}`... with the arguments (a placeholder without an argument stays). */
export function fillTemplate(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** `1 min 5 s`, `12 s`, `0.4 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** The sentence with its first letter in upper case. */
export function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The CLI's and the log's renderer: English, languages as `Portuguese (pt)`. */
export const ENGLISH: MessageRenderer = {
  format: fillTemplate,
  language: describeLanguage,
  service: (id) => SERVICE_NAMES[id],
  duration: formatDuration,
};
