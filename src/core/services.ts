/** The remote services the core talks to. */
export type ServiceId = 'hive' | 'papago' | 'ncpIam' | 'papagoSmt';

/** Each service's name in English, as it reads mid-sentence (hosts translate them). */
export const SERVICE_NAMES: Record<ServiceId, string> = {
  hive: 'Hive',
  papago: 'Papago',
  ncpIam: 'the Papago glossary service',
  papagoSmt: 'Papago SMT',
};
