import { randomUUID } from 'node:crypto';
import type { Services } from '../../services';
import { type Ctx, systemCtx } from '../../shared/context';
import type { DemoContext } from './context';

/**
 * Membership-card demo: the cards a yoga studio and an early-education centre sell — a yoga
 * 10-session card (upgradable to 20 sessions), a monthly time card, a private-lesson package, a
 * trial card, an early-education 48-class-hour package shared with the children, and a year
 * package that shows the training-school prepayment warning — sold at the desk to the demo
 * members, some sessions used, a freeze running, a child using the family package.
 */
export async function seedCardsDemo(s: Services, demo: DemoContext): Promise<void> {
  const base = systemCtx(demo.tenantId, { name: 'tessera seed --demo' });
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: `demo-${randomUUID()}`, requestHash: 'demo' } });
  const { yoga, early } = demo.storeIds;
  const at = (storeId: string): Ctx => ({ ...systemCtx(demo.tenantId, { name: '赵敏' }), storeId });
  const yogaDesk = at(yoga);
  const earlyDesk = at(early);
  const ids = (demo.shared.memberIds ?? {}) as Record<string, string>;
  const YOGA = [{ type: 'course_category' as const, id: 'yoga' }, { type: 'course_category' as const, id: 'pilates' }];
  const KIDS = [{ type: 'course_category' as const, id: 'early_education' }];

  await s.cards.products.putSettings(base, { expiryReminderDays: [30, 7, 1], lowSessionsThreshold: 2, expiringWithinDays: 7, isTrainingSchool: true, prepayMaxMonths: 3, prepayMaxHours: 60, refundTermsText: '未尽事宜以门店公示的会员须知为准。' });

  const product = (input: Parameters<Services['cards']['products']['create']>[1]) => s.cards.products.create(base, input);
  const yoga20 = await product({ kind: 'count', name: '瑜伽 20 次卡', price: 220000, sessions: 20, validity: { unit: 'month', count: 3 }, coverage: YOGA, saleStoreIds: [yoga], sortOrder: 2 });
  const yoga10 = await product({
    kind: 'count',
    name: '瑜伽 10 次卡',
    description: '团课通用,3 个月内有效',
    price: 120000,
    sessions: 10,
    validity: { unit: 'month', count: 3 },
    coverage: YOGA,
    saleStoreIds: [yoga],
    freezePolicy: { isAllowed: true, minDays: 7, maxDays: 30, maxTimes: 2, maxTotalDays: 30, fee: 0, noticeDays: 0, isExpiryExtended: true, isAutoUnfreezeOnUse: true },
    transferPolicy: { isAllowed: true, fee: 5000, maxTimes: 1 },
    refundPolicy: { isAllowed: true, formula: 'proportional', unitListPrice: null, deductionCapBp: 10_000, feeFixed: 0, feeBp: 500, isAllowedAfterExpiry: false },
    upgradePolicy: { windowDays: 14, toProductIds: [yoga20.id] },
    sortOrder: 1,
  });
  const month = await product({
    kind: 'time',
    name: '瑜伽月卡',
    description: '一个月内不限次,每日限 1 次',
    price: 68000,
    validity: { unit: 'month', count: 1 },
    perDayCap: 1,
    coverage: YOGA,
    saleStoreIds: [yoga],
    transferPolicy: { isAllowed: true, fee: 3000, maxTimes: 1 },
    sortOrder: 3,
  });
  const ptService = (await s.products.list(base, { kind: 'service', limit: 50 })).items.find((p) => p.name.startsWith('私教课'));
  const pt = await product({
    kind: 'private',
    name: '私教课包 10 节',
    price: 280000,
    sessions: 10,
    validity: { unit: 'month', count: 6 },
    coachLevel: '高级',
    coverage: [...(ptService ? [{ type: 'service' as const, id: ptService.id }] : []), { type: 'course_category', id: 'private_lesson' }],
    saleStoreIds: [yoga],
    refundPolicy: { isAllowed: true, formula: 'list_price_capped', unitListPrice: 30000, deductionCapBp: 10_000, feeFixed: 0, feeBp: 0, isAllowedAfterExpiry: false },
    sortOrder: 4,
  });
  const trial = await product({ kind: 'trial', name: '瑜伽体验卡', description: '新会员专享,限购一张', price: 4900, sessions: 1, validity: { unit: 'day', count: 7 }, coverage: YOGA, saleStoreIds: [yoga], activationMode: 'first_use', activationDeadlineDays: 30, sortOrder: 5 });
  const kids48 = await product({
    kind: 'count',
    name: '早教 48 课时包',
    description: '亲子课、感统课通用;可由家长指定的孩子使用',
    price: 960000,
    sessions: 48,
    sessionUnit: 'class_hour',
    validity: { unit: 'month', count: 3 },
    coverage: KIDS,
    saleStoreIds: [early],
    activationMode: 'first_use',
    activationDeadlineDays: 30,
    familyPolicy: { isAllowed: true, maxMembers: 3 },
    refundPolicy: { isAllowed: true, formula: 'package_unit_price', unitListPrice: null, deductionCapBp: 10_000, feeFixed: 0, feeBp: 0, isAllowedAfterExpiry: false },
    sortOrder: 6,
  });
  await product({
    kind: 'count',
    name: '早教 96 课时年包',
    description: '超过 3 个月 / 60 课时:售卡时提示校外培训预收费规定',
    price: 1680000,
    sessions: 96,
    sessionUnit: 'class_hour',
    validity: { unit: 'month', count: 12 },
    coverage: KIDS,
    saleStoreIds: [early],
    familyPolicy: { isAllowed: true, maxMembers: 3 },
    isActive: true,
    sortOrder: 7,
  });

  // The early-education centre's desk opens its shift for the morning's card sales.
  await s.shifts.open(once(earlyDesk), { storeId: early, openingFloat: 30000, note: '早班' });
  const sell = async (ctx: Ctx, memberId: string | undefined, productId: string, price: number, tender: { method: 'cash' | 'wechat' | 'alipay' | 'bank_card'; reference?: string }) => {
    if (!memberId) return null;
    const order = await s.orders.checkout(once(ctx), { storeId: ctx.storeId!, memberId, lines: [{ kind: 'card', itemId: productId, quantity: 1 }], tenders: [{ method: tender.method, amount: price, ...(tender.reference ? { reference: tender.reference } : {}) }] });
    return (await s.cards.cards.list(ctx, { memberId, limit: 20 })).items.find((c) => c.orderId === order.order.id)!;
  };
  const use = (ctx: Ctx, cardId: string, userId: string, items: { type: 'course_category' | 'service'; id: string }[], units = 1, coachLevel: string | null = null) =>
    s.cards.consumption.consumeDirect(ctx, { cardId, userId, storeId: ctx.storeId!, items, units, coachLevel, key: `demo-${randomUUID()}` });

  const lin = await sell(yogaDesk, ids['林晓雯'], yoga10.id, 120000, { method: 'wechat', reference: 'WX4200002201' });
  if (lin) for (let i = 0; i < 3; i++) await use(yogaDesk, lin.id, ids['林晓雯'], [{ type: 'course_category', id: 'yoga' }]);
  const zeng = await sell(yogaDesk, ids['曾美玲'], month.id, 68000, { method: 'alipay', reference: 'AL2026000101' });
  if (zeng) await use(yogaDesk, zeng.id, ids['曾美玲'], [{ type: 'course_category', id: 'yoga' }]);
  const shan = await sell(yogaDesk, ids['单志强'], pt.id, 280000, { method: 'bank_card', reference: 'POS88001' });
  // A private lesson with a senior coach: the package is for that coach level only.
  if (shan) await use(yogaDesk, shan.id, ids['单志强'], [{ type: 'course_category', id: 'private_lesson' }], 1, '高级');
  await sell(yogaDesk, ids['张小明'], trial.id, 4900, { method: 'cash' });
  const emily = await sell(yogaDesk, ids['Emily Chen'], yoga10.id, 120000, { method: 'wechat', reference: 'WX4200002202' });
  if (emily) {
    await use(yogaDesk, emily.id, ids['Emily Chen'], [{ type: 'course_category', id: 'pilates' }]);
    // Travelling for two weeks: the card is frozen and its expiry moves.
    await s.cards.freezes.freeze(once(yogaDesk), emily.id, { startOn: emily.validity.activatedOn!, days: 14, reason: '出差两周' });
  }
  const mum = ids['陈静'];
  const kids = await sell(earlyDesk, mum, kids48.id, 960000, { method: 'wechat', reference: 'WX4200002203' });
  if (kids && mum) {
    const family = await s.members.family.family(base, mum);
    for (const child of family.dependents) await s.cards.family.add(earlyDesk, kids.id, { userId: child.id, relation: child.name.endsWith('宝') ? '儿子' : '女儿' });
    const bao = family.dependents.find((d) => d.name === '李小宝');
    if (bao) await use(earlyDesk, kids.id, bao.id, KIDS, 2);
  }
}
