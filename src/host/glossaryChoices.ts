import type * as vscode from 'vscode';
import type { LanguageCode } from '../core/languages';

export interface GlossaryChoice {
  key: string;
  name: string;
}

const STATE_KEY = 'hivePapago.glossaryChoices';

/** The glossary chosen for each language pair, remembered across sessions and passed to Papago. */
export class GlossaryChoices {
  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, GlossaryChoice> {
    return this.state.get<Record<string, GlossaryChoice>>(STATE_KEY, {});
  }

  get(from: LanguageCode, to: LanguageCode): GlossaryChoice | undefined {
    return this.all()[`${from}>${to}`];
  }

  async set(from: LanguageCode, to: LanguageCode, choice: GlossaryChoice | undefined): Promise<void> {
    const all = { ...this.all() };
    if (choice) all[`${from}>${to}`] = choice;
    else delete all[`${from}>${to}`];
    await this.state.update(STATE_KEY, all);
  }

  /** Forgets a deleted glossary for every pair. */
  async forget(key: string): Promise<void> {
    const all = Object.fromEntries(Object.entries(this.all()).filter(([, choice]) => choice.key !== key));
    await this.state.update(STATE_KEY, all);
  }

  /** Pairs that use a glossary, for its tooltip. */
  pairsUsing(key: string): string[] {
    return Object.entries(this.all())
      .filter(([, choice]) => choice.key === key)
      .map(([pair]) => pair.replace('>', ' → '));
  }
}
