import { randomUUID } from 'node:crypto';

export type GlossaryTerm = readonly [source: string, target: string];

export interface GlossaryRecord {
  readonly glossaryKey: string;
  glossaryName: string;
  description: string | null;
  readonly createdDateTime: number;
  updatedDateTime: number;
  terms: GlossaryTerm[];
}

/** The glossary fields the API returns (terms are only in downloads). */
export interface GlossarySummary {
  glossaryKey: string;
  glossaryName: string;
  description: string | null;
  createdDateTime: number;
  updatedDateTime: number;
  wordCount: number;
}

/** The emulator's glossaries, in creation order. Tests may seed and inspect it directly. */
export class GlossaryStore {
  private readonly glossaries = new Map<string, GlossaryRecord>();

  constructor(private readonly now: () => number) {}

  create(glossaryName: string, description?: string | null, terms: GlossaryTerm[] = []): GlossaryRecord {
    const time = this.now();
    const record: GlossaryRecord = {
      glossaryKey: randomUUID(),
      glossaryName,
      description: description ?? null,
      createdDateTime: time,
      updatedDateTime: time,
      terms: [...terms],
    };
    this.glossaries.set(record.glossaryKey, record);
    return record;
  }

  /** Creates `count` glossaries named `${prefix}-1` .. `${prefix}-count`. */
  seed(count: number, prefix = 'glossary'): GlossaryRecord[] {
    return Array.from({ length: count }, (_, i) => this.create(`${prefix}-${i + 1}`));
  }

  get(glossaryKey: string): GlossaryRecord | undefined {
    return this.glossaries.get(glossaryKey);
  }

  /** Replaces the terms of a glossary. */
  setTerms(glossaryKey: string, terms: GlossaryTerm[]): GlossaryRecord | undefined {
    const record = this.glossaries.get(glossaryKey);
    if (!record) return undefined;
    record.terms = [...terms];
    record.updatedDateTime = this.now();
    return record;
  }

  delete(glossaryKey: string): boolean {
    return this.glossaries.delete(glossaryKey);
  }

  list(): GlossaryRecord[] {
    return [...this.glossaries.values()];
  }

  get size(): number {
    return this.glossaries.size;
  }

  clear(): void {
    this.glossaries.clear();
  }

  static summary(record: GlossaryRecord): GlossarySummary {
    return {
      glossaryKey: record.glossaryKey,
      glossaryName: record.glossaryName,
      description: record.description,
      createdDateTime: record.createdDateTime,
      updatedDateTime: record.updatedDateTime,
      wordCount: record.terms.length,
    };
  }
}
