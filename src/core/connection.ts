import { capitalize, errorSentence, SERVICE_NAMES, TranslateError, type ErrorReason, type ServiceId } from './errors';
import { GlossaryClient } from './glossary/client';
import type { Message } from './messages';
import type { ProviderContext } from './providers/context';
import { HiveProvider } from './providers/hive';
import { PapagoProvider } from './providers/papago';
import { PapagoSmtProvider } from './providers/papagoSmt';
import type { ServiceProbe } from './providers/types';

export interface ConnectionResult {
  service: ServiceId;
  ok: boolean;
  /** One line in English: `Hive: connected.` */
  message: string;
  /** Why it failed, for hosts that translate it. */
  problem?: Message;
  /** What kind of failure it was (`auth`, `network`...), to offer a fix. */
  reason?: ErrorReason;
}

/** Each service's client, in the order results are reported; each owns its probe. */
const CLIENTS: readonly (readonly [ServiceId, (context: ProviderContext) => ServiceProbe])[] = [
  ['hive', (context) => new HiveProvider(context)],
  ['papago', (context) => new PapagoProvider(context)],
  ['ncpIam', (context) => new GlossaryClient(context)],
  ['papagoSmt', (context) => new PapagoSmtProvider(context)],
];

/**
 * One cheap signed call per configured service, in parallel, to tell the user whether each set of
 * credentials works: nothing is translated by Hive or the glossary API, one character by Papago.
 */
export function testConnections(context: ProviderContext, signal?: AbortSignal): Promise<ConnectionResult[]> {
  const configured = CLIENTS.filter(([service]) => context.credentials[service]);
  return Promise.all(
    configured.map(async ([service, create]): Promise<ConnectionResult> => {
      try {
        await create(context).probe(signal);
        return { service, ok: true, message: `${capitalize(SERVICE_NAMES[service])}: connected.` };
      } catch (error) {
        const problem = errorSentence(error);
        const reason = error instanceof TranslateError ? error.reason : undefined;
        return { service, ok: false, message: `${capitalize(SERVICE_NAMES[service])}: ${problem.text}`, problem, ...(reason ? { reason } : {}) };
      }
    }),
  );
}
