import { TranslateError } from '../core/errors';
import { parseIntegerOption } from '../core/options';
import type { ProviderContext } from '../core/providers/context';
import { RedactingLogger } from '../core/runtime';
import { createHttpStack } from '../core/runtime-node';
import { credentialSecrets } from '../core/signing';
import { credentialsFromEnv, endpointsFromEnv } from './env';
import { LOG_LEVELS, stderrLogger, type CliIo } from './io';

export interface CliContext {
  provider: ProviderContext;
  /** Redacts every credential value from any text the CLI prints. */
  redact: (text: string) => string;
}

/** Per-request timeout bounds for `HIVE_PAPAGO_TIMEOUT_MS`: a second to ten minutes. */
const TIMEOUT_RANGE = [1000, 600_000] as const;

/**
 * Checks the environment's settings (exit 2 on a bad value, before any request): endpoints,
 * `HIVE_PAPAGO_TIMEOUT_MS`, `HIVE_PAPAGO_LOG`.
 */
export function checkEnvironment(env: CliIo['env']): { timeoutMs: number | undefined } {
  const level = env.HIVE_PAPAGO_LOG?.trim();
  if (level && !LOG_LEVELS.includes(level.toLowerCase())) {
    throw new TranslateError('input', `HIVE_PAPAGO_LOG must be one of ${LOG_LEVELS.join(', ')}.`);
  }
  endpointsFromEnv(env);
  const timeout = env.HIVE_PAPAGO_TIMEOUT_MS?.trim();
  return { timeoutMs: timeout ? parseIntegerOption(timeout, 'HIVE_PAPAGO_TIMEOUT_MS', TIMEOUT_RANGE[0], TIMEOUT_RANGE[1]) : undefined };
}

/** Builds the core's context from the environment. Settings are validated here (exit 2 on error). */
export function cliContext(io: CliIo): CliContext {
  const { timeoutMs } = checkEnvironment(io.env);
  const credentials = credentialsFromEnv(io.env);
  const logger = new RedactingLogger(stderrLogger(io));
  logger.addSecret(...credentialSecrets(credentials));
  const { http, clock } = createHttpStack({ logger, timeoutMs });
  return {
    provider: {
      http,
      clock,
      logger,
      endpoints: endpointsFromEnv(io.env),
      credentials,
      hiveProjectId: io.env.HIVE_PROJECT_ID?.trim() || undefined,
    },
    redact: (text) => logger.redact(text),
  };
}
