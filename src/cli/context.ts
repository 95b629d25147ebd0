import type { ProviderContext } from '../core/providers/context';
import { RedactingLogger } from '../core/runtime';
import { createHttpStack } from '../core/runtime-node';
import { credentialsFromEnv, endpointsFromEnv, secretValues } from './env';
import { stderrLogger, type CliIo } from './io';

export interface CliContext {
  provider: ProviderContext;
  /** Redacts every credential value from any text the CLI prints. */
  redact: (text: string) => string;
}

/** Builds the core's context from the environment. Endpoints are validated here (exit 2 on error). */
export function cliContext(io: CliIo): CliContext {
  const credentials = credentialsFromEnv(io.env);
  const logger = new RedactingLogger(stderrLogger(io));
  logger.addSecret(...secretValues(credentials));
  const timeoutMs = Number(io.env.HIVE_PAPAGO_TIMEOUT_MS) || undefined;
  const { http, clock } = createHttpStack({ logger, timeoutMs });
  const endpoints = endpointsFromEnv(io.env);
  return {
    provider: {
      http,
      clock,
      logger,
      endpoints,
      credentials,
      hiveProjectId: io.env.HIVE_PROJECT_ID?.trim() || undefined,
    },
    redact: (text) => logger.redact(text),
  };
}
