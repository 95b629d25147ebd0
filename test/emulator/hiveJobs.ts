import { randomUUID } from 'node:crypto';

export type JobState = 'waiting' | 'processing' | 'completed' | 'failed';

export const JOB_STATUS: Record<JobState, { code: number; msg: string }> = {
  completed: { code: 100, msg: 'completed' },
  waiting: { code: 101, msg: 'waiting' },
  processing: { code: 102, msg: 'processing' },
  failed: { code: 199, msg: 'failed' },
};

export interface HiveJob {
  readonly uuid: string;
  /** The service key that submitted it: only that key may read it. */
  readonly serviceKey: string;
  readonly projectId: string | undefined;
  readonly from: string;
  readonly to: readonly string[];
  readonly text: string;
  readonly createdAt: number;
  state: JobState;
  /** Result polls received so far. */
  polls: number;
  /** When true the job ends in `failed` instead of `completed`. */
  failOnCompletion: boolean;
  /** Set once completed. */
  translations: { text: string; to: string }[] | undefined;
}

export interface NewJob {
  serviceKey: string;
  projectId: string | undefined;
  from: string;
  to: string[];
  text: string;
  createdAt: number;
  failOnCompletion: boolean;
}

/**
 * Hive async jobs. A job advances only when it is polled: with steps `{waiting: w,
 * processing: p}`, polls 1..w answer `waiting`, the next p answer `processing`, and every later
 * poll answers `completed` (or `failed`).
 */
export class JobStore {
  private readonly jobs = new Map<string, HiveJob>();

  create(job: NewJob): HiveJob {
    const record: HiveJob = { ...job, uuid: randomUUID(), state: 'waiting', polls: 0, translations: undefined };
    this.jobs.set(record.uuid, record);
    return record;
  }

  get(uuid: string): HiveJob | undefined {
    return this.jobs.get(uuid);
  }

  list(): HiveJob[] {
    return [...this.jobs.values()];
  }

  get size(): number {
    return this.jobs.size;
  }

  clear(): void {
    this.jobs.clear();
  }

  /** Makes a job fail now, unless it has already completed. */
  fail(uuid: string): void {
    const job = this.jobs.get(uuid);
    if (job && job.state !== 'completed') {
      job.state = 'failed';
      job.failOnCompletion = true;
    }
  }

  /** Counts one poll and moves the job along; `translate` builds the result on completion. */
  poll(
    job: HiveJob,
    steps: { waiting: number; processing: number },
    translate: (job: HiveJob) => { text: string; to: string }[],
  ): JobState {
    job.polls++;
    if (job.state === 'completed' || job.state === 'failed') return job.state;
    if (job.polls <= steps.waiting) job.state = 'waiting';
    else if (job.polls <= steps.waiting + steps.processing) job.state = 'processing';
    else if (job.failOnCompletion) job.state = 'failed';
    else {
      job.translations = translate(job);
      job.state = 'completed';
    }
    return job.state;
  }
}
