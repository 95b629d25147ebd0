/**
 * The trimming of answers and translated text: leading and trailing spaces and line ends only
 * (not tabs or other spaces, which may be meant).
 */

function isTrimmed(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d;
}

export function trimStart(text: string): string {
  let i = 0;
  while (i < text.length && isTrimmed(text.charCodeAt(i))) i++;
  return i === 0 ? text : text.slice(i);
}

export function trimEnd(text: string): string {
  let i = text.length;
  while (i > 0 && isTrimmed(text.charCodeAt(i - 1))) i--;
  return i === text.length ? text : text.slice(0, i);
}

export function trim(text: string): string {
  return trimEnd(trimStart(text));
}
