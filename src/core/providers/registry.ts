import { TranslateError } from '../errors';
import type { CredentialSet, ProviderContext } from './context';
import { HiveProvider } from './hive';
import { IdentityProvider, PseudoProvider } from './offline';
import { PapagoProvider } from './papago';
import { PapagoSmtProvider } from './papagoSmt';
import { PROVIDER_IDS, type ProviderId, type TextFormat, type TranslationProvider } from './types';
import { message } from '../messages';

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

/** Builds a provider; networked ones throw a 'config' error when their credentials are missing. */
export function createProvider(id: ProviderId, context: ProviderContext): TranslationProvider {
  switch (id) {
    case 'hive':
      return new HiveProvider(context);
    case 'papago':
      return new PapagoProvider(context);
    case 'papago-smt':
      return new PapagoSmtProvider(context);
    case 'pseudo':
      return new PseudoProvider();
    case 'identity':
      return new IdentityProvider();
  }
}

export type ProviderChoice = ProviderId | 'auto';

/**
 * The router: Markdown goes to Hive (async), HTML to Hive (sync), plain text to Papago when its
 * credentials exist, else Hive. An explicit choice always wins.
 */
export function routeProvider(format: TextFormat, choice: ProviderChoice, credentials: CredentialSet): ProviderId {
  if (choice !== 'auto') return choice;
  if (format === 'text') {
    if (credentials.papago) return 'papago';
    if (credentials.hive) return 'hive';
  } else {
    if (credentials.hive) return 'hive';
    // Markdown is segmented for any provider; Papago takes the text units.
    if (format === 'markdown' && credentials.papago) return 'papago';
  }
  throw new TranslateError(
    'config',
    format === 'html'
      ? message('HTML needs Hive credentials; set them, or choose the pseudo or identity provider to try offline.')
      : message('No translation service is configured; set Hive or Papago credentials, or choose the pseudo or identity provider to try offline.'),
  );
}
