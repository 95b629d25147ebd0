import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const GLOSSARY_FIXTURES = path.join(__dirname, '..', 'fixtures', 'glossary');

/** A glossary CSV fixture's bytes, as a user's file would be read. */
export function glossaryFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(GLOSSARY_FIXTURES, name)));
}

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
