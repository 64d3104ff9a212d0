// Seed data for cashier & retail browser tests through the server's own services (as a system
// actor, in the test's tenant): tiers, members with stored value and points, products with
// stock, quick keys, staff at the desk, shifts.
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../server/src/db/database';
import { type Ctx, systemCtx } from '../../server/src/shared/context';
import type { E2eServer, TenantSetup } from './server';

export const STAFF_PASSWORD = 'Desk2024pass';

export interface RetailSeed {
  ctx: Ctx;
  goldId: string;
  member: { id: string; memberNo: string; name: string; mobile: string };
  mat: { id: string; barcode: string };
  towel: { id: string; barcode: string };
  lesson: { id: string };
  packageId: string;
}

/** A context that claims a fresh idempotency key, for services that move money or stock. */
export function once(ctx: Ctx): Ctx {
  return { ...ctx, idempotency: { key: randomUUID(), requestHash: randomUUID() } };
}

export function retailServices(server: E2eServer) {
  return server.server.app.tessera.services;
}

/**
 * 静心瑜伽: tiers 普通会员 / 金卡 (10 % off); 林晓雯 is 金卡 with ¥500 stored value and 2,000
 * points; 瑜伽垫 (member price ¥160 for 金卡), 运动毛巾 and 私教课 (a quick key) in stock.
 */
export async function seedRetail(server: E2eServer, tenant: TenantSetup): Promise<RetailSeed> {
  const s = retailServices(server);
  const ctx: Ctx = { ...systemCtx(tenant.tenantId, { name: '系统' }), storeId: tenant.storeId };
  const tiers = await s.tier.putConfig(ctx, {
    program: { metric: 'spend', window: 'lifetime', windowMonths: 12, graceDays: 0 },
    levels: [
      { rank: 0, name: '普通会员', threshold: 0, retentionThreshold: null, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: null },
      { rank: 1, name: '金卡', threshold: 100000, retentionThreshold: null, discountBp: 1000, pointsMultiplierBp: 10000, bookingPriorityHours: 0, birthdayGift: null, benefitsNote: '9 折' },
    ],
  });
  const goldId = tiers.levels.find((l) => l.name === '金卡')!.id;
  await s.points.updateSettings(ctx, { ...(await s.points.getSettings(ctx)), redeemStep: 100, capBasisPoints: 5000 });

  const mobile = '13800138000';
  const m = await s.members.profiles.create(ctx, { name: '林晓雯', mobile, homeStoreId: tenant.storeId });
  await s.tier.assign(ctx, m.id, { tierId: goldId, lock: true, reason: '老会员' });
  const pkg = await s.wallet.createPackage(ctx, { name: '充500', price: 50000, bonus: { type: 'none' }, bonusPoints: 0 });
  await s.wallet.createPackage(ctx, { name: '充1000送200', price: 100000, bonus: { type: 'fixed', amount: 20000 }, bonusPoints: 0 });
  await s.orders.checkout(once(ctx), { storeId: tenant.storeId, memberId: m.id, lines: [{ kind: 'recharge', packageId: pkg.id }], tenders: [{ method: 'cash', amount: 50000 }] });
  await s.points.adjust(once(ctx), { memberId: m.id, points: 2000, reason: '开卡赠送' });

  const cat = await s.products.createCategory(ctx, { name: '瑜伽用品' });
  const mat = await s.products.create(ctx, { kind: 'product', name: '瑜伽垫', sku: 'MAT-01', barcode: '6970000000011', categoryId: cat.id, unit: '张', price: 20000, cost: 9000, tierPrices: [{ tierId: goldId, price: 16000 }], lowStockThreshold: 3 });
  const towel = await s.products.create(ctx, { kind: 'product', name: '运动毛巾', sku: 'TWL-01', barcode: '6970000000028', categoryId: cat.id, unit: '条', price: 3000, cost: 1000, lowStockThreshold: 5 });
  const lesson = await s.products.create(ctx, { kind: 'service', name: '私教课', price: 30000, durationMinutes: 60 });
  const joinFee = await s.products.create(ctx, { kind: 'fee', feeKind: 'join', name: '入会费', price: 10000 });
  await s.stock.receive(once(ctx), { storeId: tenant.storeId, supplier: '瑜伽用品批发', lines: [{ productId: mat.id, quantity: 5, unitCost: 9000 }, { productId: towel.id, quantity: 20, unitCost: 1000 }] });
  await s.products.setQuickKeys(ctx, tenant.storeId, [
    { productId: lesson.id, label: '私教课 60 分钟', color: '#13a8a8' },
    { productId: towel.id, label: null, color: '#1668dc' },
    { productId: joinFee.id, label: null, color: '#d48806' },
  ]);
  return { ctx, goldId, member: { id: m.id, memberNo: m.memberNo, name: m.name, mobile }, mat: { id: mat.id, barcode: '6970000000011' }, towel: { id: towel.id, barcode: '6970000000028' }, lesson: { id: lesson.id }, packageId: pkg.id };
}

/** A staff member with a built-in role in the tenant's store (password not temporary). */
export async function createStaff(server: E2eServer, tenant: TenantSetup, login: string, name: string, role: 'frontDesk' | 'manager' | 'finance' | 'teacher'): Promise<string> {
  const s = retailServices(server);
  const r = await inTransaction(server.server.database, (trx) =>
    s.staff.createFromCli(trx, systemCtx(tenant.tenantId), { login, name, password: STAFF_PASSWORD, roleKeys: [role], storeIds: [tenant.storeId], scopeType: 'stores', temporary: false }),
  );
  return r.staff.id;
}
