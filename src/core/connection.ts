import { capitalize, SERVICE_NAMES, userMessage, type ServiceId } from './errors';
import { GlossaryClient } from './glossary/client';
import type { ProviderContext } from './providers/context';
import { HiveProvider } from './providers/hive';
import { PapagoProvider } from './providers/papago';
import { PapagoSmtProvider } from './providers/papagoSmt';
import type { ServiceProbe } from './providers/types';

export interface ConnectionResult {
  service: ServiceId;
  ok: boolean;
  message: string;
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
      const name = capitalize(SERVICE_NAMES[service]);
      try {
        await create(context).probe(signal);
        return { service, ok: true, message: `${name}: connected.` };
      } catch (error) {
        return { service, ok: false, message: `${name}: ${userMessage(error)}` };
      }
    }),
  );
}
