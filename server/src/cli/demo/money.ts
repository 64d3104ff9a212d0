import type { Services } from '../../services';
import { systemCtx } from '../../shared/context';
import type { DemoContext } from './context';

/** Recharge packages, a tier programme and point rules a studio would start with. */
export async function seedMoneyDemo(s: Services, demo: DemoContext): Promise<void> {
  const ctx = systemCtx(demo.tenantId, { name: 'tessera seed --demo' });
  for (const p of [
    { name: '充500送50', price: 50000, bonus: { type: 'fixed' as const, amount: 5000 }, bonusPoints: 0, sortOrder: 1 },
    { name: '充1000送200', price: 100000, bonus: { type: 'fixed' as const, amount: 20000 }, bonusPoints: 0, sortOrder: 2 },
    { name: '充3000送800', price: 300000, bonus: { type: 'fixed' as const, amount: 80000 }, bonusPoints: 500, sortOrder: 3 },
  ]) {
    await s.wallet.createPackage(ctx, p);
  }
  await s.tier.putConfig(ctx, {
    program: { metric: 'spend', window: 'rolling_months', windowMonths: 12, graceDays: 30 },
    levels: [
      { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: '消费 1 元积 1 分' },
      { rank: 1, name: '银卡会员', threshold: 300000, retentionThreshold: 200000, discountBp: 500, pointsMultiplierBp: 12000, bookingPriorityHours: 12, birthdayGift: { points: 200 }, benefitsNote: '95 折,积分 1.2 倍,提前 12 小时约课' },
      { rank: 2, name: '金卡会员', threshold: 1000000, retentionThreshold: 800000, discountBp: 1000, pointsMultiplierBp: 15000, bookingPriorityHours: 24, birthdayGift: { points: 500, note: '生日月赠送私教体验课一节' }, benefitsNote: '9 折,积分 1.5 倍,提前 24 小时约课' },
    ],
  });
  await s.points.updateSettings(ctx, {
    earnPerYuan: 1,
    pendingDays: 7,
    fenPerPoint: 1,
    capBasisPoints: 3000,
    capAmount: null,
    redeemStep: 100,
    expiry: { type: 'fixed_date', month: 12, day: 31, yearsAfter: 1 },
    remindDaysBefore: 30,
    earnOnRecharge: false,
    eventPoints: { signUp: 100, birthdayMonth: 200, referral: 500, checkIn: 10 },
  });
}
