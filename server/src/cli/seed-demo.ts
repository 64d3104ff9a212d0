import { inTransaction } from '../db/database';
import type { Services } from '../services';
import { systemCtx } from '../shared/context';
import type { BuiltinRole } from '../shared/permissions';
import { type DemoContext, demoSeeders } from './demo';

/**
 * A realistic demo tenant: a yoga studio and an early-education centre in one region, with a
 * staff member for every built-in role. Later modules add members, cards and classes here.
 */
export const DEMO_TENANT_CODE = 'demo';
export const DEMO_PASSWORD = 'Demo1234';

export interface DemoSeedResult {
  tenantId: string;
  storeIds: { yoga: string; early: string };
}

export async function seedDemoData(s: Services, opts: { password?: string } = {}): Promise<DemoSeedResult> {
  const password = opts.password ?? DEMO_PASSWORD;
  return inTransaction(s.database, async (trx) => {
    const tenant = await s.org.createTenant({ code: DEMO_TENANT_CODE, name: '悦动生活(演示)' }, trx);
    const ctx = systemCtx(tenant.id, { name: 'tessera seed --demo' });
    const region = await (async () => {
      const { id } = await s.org.createRegionInTx(trx, ctx, { name: '华东区' });
      return id;
    })();
    const yoga = await s.org.createStore(ctx, { name: '静心瑜伽馆', code: 'YOGA01', regionId: region, address: '上海市徐汇区漕溪北路 88 号 3 楼', phone: '021-64870001', businessHours: '07:00–22:00' }, trx);
    const early = await s.org.createStore(ctx, { name: '小星星早教中心', code: 'KIDS01', regionId: region, address: '上海市浦东新区张杨路 500 号 2 楼', phone: '021-58880002', businessHours: '09:00–20:00' }, trx);
    await s.staff.createBuiltinRoles(trx, tenant.id);
    const people: { login: string; name: string; roles: BuiltinRole[]; stores: string[]; scope: 'all' | 'stores' }[] = [
      { login: 'owner', name: '王建国', roles: ['owner'], stores: [yoga.id, early.id], scope: 'all' },
      { login: 'manager.yoga', name: '李静', roles: ['manager'], stores: [yoga.id], scope: 'stores' },
      { login: 'manager.kids', name: '陈晓燕', roles: ['manager'], stores: [early.id], scope: 'stores' },
      { login: 'desk', name: '赵敏', roles: ['frontDesk'], stores: [yoga.id, early.id], scope: 'stores' },
      { login: 'finance', name: '孙丽', roles: ['finance'], stores: [yoga.id, early.id], scope: 'all' },
      { login: 'teacher.yoga', name: '周婷', roles: ['teacher'], stores: [yoga.id], scope: 'stores' },
      { login: 'teacher.kids', name: '吴佳怡', roles: ['teacher'], stores: [early.id], scope: 'stores' },
    ];
    for (const p of people) {
      await s.staff.createFromCli(trx, ctx, { login: p.login, name: p.name, password, roleKeys: p.roles, storeIds: p.stores, scopeType: p.scope, temporary: false });
    }
    return { tenantId: tenant.id, storeIds: { yoga: yoga.id, early: early.id } };
  });
}

export async function seedDemo(s: Services, opts: { password?: string } = {}): Promise<string> {
  if (await s.org.tenantByCode(DEMO_TENANT_CODE)) {
    return `The demo tenant already exists (code ${DEMO_TENANT_CODE}). 演示商户已存在。`;
  }
  const base = await seedDemoData(s, opts);
  const demo: DemoContext = { ...base, shared: {} };
  for (const seeder of demoSeeders) await seeder(s, demo);
  const password = opts.password ?? DEMO_PASSWORD;
  return `Created the demo tenant "悦动生活(演示)" (code ${DEMO_TENANT_CODE}) with stores 静心瑜伽馆 and 小星星早教中心.
已创建演示商户。Sign in with tenant code "${DEMO_TENANT_CODE}" and password "${password}" as:
  owner (老板 王建国), manager.yoga / manager.kids (店长), desk (前台), finance (财务), teacher.yoga / teacher.kids (老师)`;
}
