import type { FastifyBaseLogger } from 'fastify';
import { inTransaction } from '../db/database';
import { sweepIdempotencyKeys } from '../db/idempotency';
import type { Services } from '../services';
import { randomToken } from '../shared/secrets';
import { grantBirthdayGifts } from './birthday-gifts';

/**
 * Scheduled sweeps. Several processes may run against one PostgreSQL: each job is claimed
 * through a lease row (job_leases) so only one process runs it per interval.
 */
export interface Job {
  name: string;
  everyMs: number;
  run(services: Services): Promise<string>;
}

export interface JobRunner {
  stop(): Promise<void>;
  runOnce(name: string): Promise<string | null>;
}

export const coreJobs: Job[] = [
  {
    name: 'idempotency.sweep',
    everyMs: 60 * 60_000,
    async run(s) {
      const n = await inTransaction(s.database, (trx) => sweepIdempotencyKeys(trx, s.clock.iso()));
      return `removed ${n} expired idempotency keys`;
    },
  },
  {
    name: 'points.release',
    everyMs: 5 * 60_000,
    async run(s) {
      return `released ${await s.points.releaseDue()} pending point awards`;
    },
  },
  {
    name: 'points.expire',
    everyMs: 60 * 60_000,
    async run(s) {
      return `expired ${await s.points.expireDue()} points`;
    },
  },
  {
    name: 'points.warn',
    everyMs: 12 * 60 * 60_000,
    async run(s) {
      return `queued ${await s.points.warnExpiring()} expiry reminders`;
    },
  },
  {
    name: 'points.birthday',
    everyMs: 24 * 60 * 60_000,
    async run(s) {
      return `granted ${await grantBirthdayGifts(s)} birthday awards`;
    },
  },
  {
    name: 'tier.evaluate',
    everyMs: 60 * 60_000,
    async run(s) {
      const r = await s.tier.evaluateDue();
      return `tiers kept ${r.kept}, downgraded ${r.downgraded}`;
    },
  },
  {
    // Daily card lifecycle, run hourly so each tenant's day turns over on time (idempotent per business day).
    name: 'cards.lifecycle',
    everyMs: 60 * 60_000,
    async run(s) {
      const r = await s.cards.runLifecycle();
      return `settled ${r.cards} cards, queued ${r.reminders} expiry reminders`;
    },
  },
  {
    // Classes: weekly timetables keep `generateWeeks` of sessions ahead.
    name: 'classes.timetables',
    everyMs: 6 * 60 * 60_000,
    async run(s) {
      return `created ${await s.courses.extendTimetables()} class sessions`;
    },
  },
  {
    // Bookings not checked in after their class (plus the grace) become no-shows (the held session is consumed).
    name: 'classes.no-shows',
    everyMs: 5 * 60_000,
    async run(s) {
      const r = await s.courses.runNoShows();
      return `marked ${r.noShows} no-shows, expired ${r.expired} waitlisted bookings`;
    },
  },
  {
    // 1:1 appointments still booked a grace after their end become no-shows (the held session is consumed), once each.
    name: 'appointments.no-shows',
    everyMs: 5 * 60_000,
    async run(s) {
      const r = await s.appointments.runNoShows();
      return `marked ${r.noShows} appointment no-shows`;
    },
  },
  {
    name: 'sessions.sweep',
    everyMs: 6 * 60 * 60_000,
    async run(s) {
      const cutoff = new Date(s.clock.now().getTime() - 7 * 24 * 3600_000).toISOString();
      const r = await s.database.db.deleteFrom('staff_sessions').where('expires_at', '<', cutoff).executeTakeFirst();
      return `removed ${Number(r.numDeletedRows ?? 0n)} old sessions`;
    },
  },
];

const holder = `${process.pid}-${randomToken(6)}`;

/** Claim the job's lease if it is free or expired; true when this process may run it now. */
export async function claimLease(s: Services, job: Pick<Job, "name" | "everyMs">, holderId: string = holder): Promise<boolean> {
  const now = s.clock.now();
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + job.everyMs).toISOString();
  await s.database.db.insertInto('job_leases').values({ name: job.name, holder: null, lease_until: null, last_run_at: null, last_result: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const r = await s.database.db
    .updateTable('job_leases')
    .set({ holder: holderId, lease_until: until })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0n) === 1;
}

export function startJobs(s: Services, log: FastifyBaseLogger, jobs: Job[] = coreJobs): JobRunner {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const tick = async (job: Job) => {
    if (stopped) return;
    try {
      if (!(await claimLease(s, job))) return;
      const result = await job.run(s);
      await s.database.db.updateTable('job_leases').set({ last_run_at: s.clock.iso(), last_result: result.slice(0, 500) }).where('name', '=', job.name).execute();
      log.info({ job: job.name, result }, 'job ran');
    } catch (err) {
      if (!stopped) log.error({ err, job: job.name }, 'job failed');
    }
  };
  const timers = jobs.map((job) => {
    const first = setTimeout(() => track(tick(job)), 5_000 + Math.random() * 5_000);
    const every = setInterval(() => track(tick(job)), Math.min(job.everyMs, 60_000));
    first.unref();
    every.unref();
    return [first, every];
  });
  function track(p: Promise<unknown>) {
    running.add(p);
    void p.finally(() => running.delete(p));
  }
  return {
    async stop() {
      stopped = true;
      for (const [a, b] of timers) {
        clearTimeout(a);
        clearInterval(b);
      }
      await Promise.allSettled([...running]);
    },
    async runOnce(name: string) {
      const job = jobs.find((j) => j.name === name);
      return job ? job.run(s) : null;
    },
  };
}
