import { expect, it } from 'vitest';
import { claimLease } from '../../src/jobs/runner';
import { describeEachDb } from '../helpers/env';

/** Scheduled jobs coordinate through the database so several processes never run one twice. */
describeEachDb('job leases', (use) => {
  it('exactly one of many concurrent claimants gets a job’s lease, until it expires', async () => {
    const env = use();
    const job = { name: `test.job.${env.kind}`, everyMs: 60_000 };
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimLease(env.services, job, `proc-${i}`)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimLease(env.services, job, 'late')).toBe(false);
    env.clock.advance(61_000);
    expect(await claimLease(env.services, job, 'next-interval')).toBe(true);
    const row = await env.database.db.selectFrom('job_leases').selectAll().where('name', '=', job.name).executeTakeFirstOrThrow();
    expect(row.holder).toBe('next-interval');
  });
});
