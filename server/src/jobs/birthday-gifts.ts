import { inTransaction } from '../db/database';
import { enqueueEvents } from '../db/outbox';
import type { Services } from '../services';
import { systemCtx } from '../shared/context';

/**
 * Birthday-month points and tier birthday gifts. Runs daily; on each run it looks at the members
 * whose birthday (solar or lunar, as each celebrates) falls between today and the end of this
 * month, so on the 1st every birthday of the month is covered and a tenant that switches the rule
 * on mid-month still reaches the birthdays ahead. Each grant is claimed per member and year
 * (points_event_grants), so re-runs and several processes grant it once. A gift with a note only
 * (a free class, a present at the desk) becomes an outbox event for the notification issue.
 */
export async function grantBirthdayGifts(s: Services): Promise<number> {
  let granted = 0;
  for (const tenantId of await s.org.activeTenantIds()) {
    const ctx = systemCtx(tenantId, { name: 'birthday gifts' });
    const settings = await s.points.getSettings(ctx);
    const { levels } = await s.tier.getConfig(ctx);
    const tierGifts = levels.some((l) => l.isActive && l.birthdayGift);
    if (settings.eventPoints.birthdayMonth <= 0 && !tierGifts) continue;

    const today = await s.members.today(ctx);
    const [year, month] = today.split('-').map(Number);
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const days = lastDay - Number(today.slice(8, 10)) + 1;
    const upcoming = await s.crm.upcoming(ctx, { days });
    const period = String(year);
    for (const item of upcoming) {
      if (item.kind !== 'birthday' || !item.date.startsWith(today.slice(0, 7))) continue;
      await inTransaction(s.database, async (trx) => {
        const month = await s.points.grantEventOnce(trx, ctx, { event: 'birthdayMonth', memberId: item.memberId, period, points: settings.eventPoints.birthdayMonth, reason: 'birthday month' });
        if (month) granted++;
        const tier = await s.tier.benefits(trx, tenantId, item.memberId);
        const gift = tier.birthdayGift;
        if (!gift) return;
        const points = gift.points ?? 0;
        if (points > 0) {
          const posting = await s.points.grantEventOnce(trx, ctx, { event: 'tierBirthdayGift', memberId: item.memberId, period, points, reason: `birthday gift · ${tier.name ?? ''}`.trim() });
          if (posting) granted++;
          if (!posting) return;
        } else if (!(await s.points.claimEventOnce(trx, ctx, { event: 'tierBirthdayGift', memberId: item.memberId, period }))) {
          return;
        }
        await enqueueEvents(trx, tenantId, s.clock.iso(), [
          { topic: 'member.birthday_gift', payload: { memberId: item.memberId, birthday: item.date, tier: tier.name, points, note: gift.note ?? null } },
        ]);
      });
    }
  }
  return granted;
}
