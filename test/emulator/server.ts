import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dispatch } from './dispatch';
import { FaultInjector } from './faults';
import { glossaryRoutes } from './glossary';
import { GlossaryStore } from './glossaryStore';
import { hiveRoutes } from './hive';
import { JobStore } from './hiveJobs';
import { resolveOptions, type EmulatorOptions } from './options';
import { papagoRoutes } from './papago';
import { smtRoutes } from './smt';
import { Counters, type RequestLogEntry } from './state';

export { DEFAULT_CREDENTIALS, environmentLines } from './credentials';
export type { MarkupDamage } from './damage';
export type { Fault, FaultKind, FaultSpec } from './faults';
export { FaultInjector } from './faults';
export { GlossaryStore } from './glossaryStore';
export type { GlossaryRecord, GlossaryTerm } from './glossaryStore';
export { JobStore } from './hiveJobs';
export type { HiveJob, JobState } from './hiveJobs';
export type { EmulatorOptions, RequestInfo } from './options';
export { Counters } from './state';
export type { RequestLogEntry } from './state';

export interface Emulator {
  /** `http://127.0.0.1:PORT`: every service is on this one server, by path. */
  url: string;
  port: number;
  counters: Counters;
  /** Every request as received, in arrival order. */
  log: RequestLogEntry[];
  faults: FaultInjector;
  glossaries: GlossaryStore;
  jobs: JobStore;
  /** Stops listening and destroys every open socket, hung ones included. */
  close(): Promise<void>;
}

/** Starts the emulator on 127.0.0.1 (an ephemeral port unless `port` is given). */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const config = resolveOptions(opts);
  const counters = new Counters();
  const log: RequestLogEntry[] = [];
  const faults = new FaultInjector();
  const glossaries = new GlossaryStore(config.now);
  const jobs = new JobStore();
  const routes = [
    ...hiveRoutes({ config, counters, jobs }),
    ...papagoRoutes({ config, counters, glossaries }),
    ...smtRoutes({ config, counters }),
    ...glossaryRoutes({ config, glossaries }),
  ];

  const sockets = new Set<Socket>();
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  let closing = false;
  let port = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closing) return resolve();
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, ms);
      sleepers.set(timer, resolve);
    });

  const context = {
    config,
    routes,
    counters,
    log,
    faults,
    sleep,
    isClosing: () => closing,
    hostPort: () => `127.0.0.1:${port}`,
  };
  const server = createServer((req, res) => {
    void dispatch(context, req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      closing = true;
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer);
        wake();
      }
      sleepers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
    });
    return closed;
  };

  return { url: `http://127.0.0.1:${port}`, port, counters, log, faults, glossaries, jobs, close };
}
