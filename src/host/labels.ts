import * as vscode from 'vscode';
import type { ProviderChoice } from '../core/providers/registry';

/** A provider choice as the user reads it, in the status bar and the provider picker. */
export function providerLabel(choice: ProviderChoice): string {
  const labels: Record<ProviderChoice, string> = {
    auto: vscode.l10n.t('Auto'),
    hive: 'Hive',
    papago: 'Papago',
    'papago-smt': 'Papago SMT',
    pseudo: vscode.l10n.t('Pseudo'),
    identity: vscode.l10n.t('Identity'),
  };
  return labels[choice];
}
