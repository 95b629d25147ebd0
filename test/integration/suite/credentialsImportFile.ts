import { DEFAULT_CREDENTIALS } from '../../emulator/server';

/**
 * The file both runners of the suite name in HIVE_PAPAGO_IMPORT_CREDENTIALS: three services in
 * full (the emulator's keys), one with a field missing and one unknown service, both refused.
 */
export const CREDENTIALS_IMPORT_FILE = {
  hive: DEFAULT_CREDENTIALS.hive,
  papago: DEFAULT_CREDENTIALS.papago,
  ncpIam: DEFAULT_CREDENTIALS.ncpIam,
  papagoSmt: { clientId: DEFAULT_CREDENTIALS.smt.clientId },
  deepl: { apiKey: 'not-a-service' },
};
