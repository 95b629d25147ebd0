import * as path from 'node:path';

/** The default output pattern: a sibling file, `README.md` -> `README.ko.md`. */
export const DEFAULT_OUTPUT_PATTERN = '{dir}/{name}.{lang}.{ext}';

/**
 * Where the translation of `file` into `lang` goes. `lang` is used as the user wrote it
 * (`zh-Hans`). Pattern tokens: `{dir}` (the source's folder), `{name}` (file name without
 * extension), `{lang}`, `{ext}` (extension without the dot, e.g. `md`). A file without an
 * extension gets no trailing dot. A pattern without `{dir}` that gives a relative path is taken
 * relative to the source's folder.
 */
export function outputPathFor(file: string, lang: string, pattern: string = DEFAULT_OUTPUT_PATTERN): string {
  const dir = path.dirname(file);
  const extension = path.extname(file);
  const name = path.basename(file, extension);
  const ext = extension.startsWith('.') ? extension.slice(1) : extension;
  let result = pattern;
  if (ext === '') result = result.replace(/\.\{ext\}/g, '');
  result = result.replace(/\{(dir|name|lang|ext)\}/g, (_match, token: string) => {
    switch (token) {
      case 'dir':
        return dir;
      case 'name':
        return name;
      case 'lang':
        return lang;
      default:
        return ext;
    }
  });
  if (pattern.includes('{dir}') || path.isAbsolute(result)) return path.normalize(result);
  return path.normalize(path.join(dir, result));
}
