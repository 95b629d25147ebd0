/**
 * Credentials the emulator registers by default, shared by the tests and `npm run emulator`.
 * They are fake values that only this emulator accepts.
 */
export const DEFAULT_CREDENTIALS = {
  hive: { serviceKey: 'emulator-service-key', secretKey: 'emulator-secret-key' },
  papago: { clientId: 'emulator-client-id', clientSecret: 'emulator-client-secret' },
  ncpIam: { accessKey: 'emulator-access-key', secretKey: 'emulator-iam-secret' },
  smt: { clientId: 'emulator-naver-id', clientSecret: 'emulator-naver-secret' },
} as const;

/** The shell lines that point the CLI at an emulator listening on `url`. */
export function environmentLines(url: string): string[] {
  const c = DEFAULT_CREDENTIALS;
  return [
    `export HIVE_ENDPOINT=${url}`,
    `export HIVE_SERVICE_KEY=${c.hive.serviceKey}`,
    `export HIVE_SECRET_KEY=${c.hive.secretKey}`,
    `export PAPAGO_ENDPOINT=${url}`,
    `export NCP_API_KEY_ID=${c.papago.clientId}`,
    `export NCP_API_KEY=${c.papago.clientSecret}`,
    `export NCP_ACCESS_KEY=${c.ncpIam.accessKey}`,
    `export NCP_SECRET_KEY=${c.ncpIam.secretKey}`,
    `export PAPAGO_SMT_ENDPOINT=${url}`,
    `export NAVER_CLIENT_ID=${c.smt.clientId}`,
    `export NAVER_CLIENT_SECRET=${c.smt.clientSecret}`,
  ];
}
