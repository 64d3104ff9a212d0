import { inTransaction } from '../../server/src/db/database';
import type { Services } from '../../server/src/services';
import { systemCtx } from '../../server/src/shared/context';
import type { BuiltinRole } from '../../server/src/shared/permissions';

/**
 * Data generators for scenarios, written through the services so the rows are the ones the
 * product would write (ids, pinyin, audit). Later issues add members, cards, orders… here.
 */
export const BENCH_PASSWORD = 'Bench-Passw0rd';

export interface OrgShape {
  tenantCode?: string;
  /** Stores in one region. */
  stores: number;
  /** Front-desk staff, each assigned to two stores (the most common signed-in caller). */
  frontDesk: number;
}

export interface StaffLogin {
  login: string;
  role: BuiltinRole;
  storeIds: string[];
}

export interface OrgFixture {
  tenantId: string;
  tenantCode: string;
  regionId: string;
  storeIds: string[];
  password: string;
  owner: StaffLogin;
  manager: StaffLogin;
  frontDesk: StaffLogin[];
}

/** A tenant with a region, stores, the built-in roles, an owner, a manager and front-desk staff. */
export async function seedOrg(s: Services, shape: OrgShape): Promise<OrgFixture> {
  const code = shape.tenantCode ?? 'bench';
  return inTransaction(s.database, async (trx) => {
    const tenant = await s.org.createTenant({ code, name: '基准测试商户' }, trx);
    const ctx = systemCtx(tenant.id, { name: 'bench seed' });
    const region = await s.org.createRegionInTx(trx, ctx, { name: '华东区' });
    const storeIds: string[] = [];
    for (let i = 1; i <= shape.stores; i++) {
      const store = await s.org.createStore(ctx, { name: `门店${i}`, code: `B${String(i).padStart(3, '0')}`, regionId: region.id }, trx);
      storeIds.push(store.id);
    }
    await s.staff.createBuiltinRoles(trx, tenant.id);
    const add = async (login: string, name: string, role: BuiltinRole, stores: string[], scope: 'all' | 'stores'): Promise<StaffLogin> => {
      await s.staff.createFromCli(trx, ctx, { login, name, password: BENCH_PASSWORD, roleKeys: [role], storeIds: stores, scopeType: scope, temporary: false });
      return { login, role, storeIds: stores };
    };
    const owner = await add('owner', '老板', 'owner', storeIds, 'all');
    const manager = await add('manager', '店长', 'manager', storeIds.slice(0, 1), 'stores');
    const frontDesk: StaffLogin[] = [];
    for (let i = 1; i <= shape.frontDesk; i++) {
      const stores = [storeIds[(i - 1) % storeIds.length], storeIds[i % storeIds.length]].filter((v, k, a) => a.indexOf(v) === k);
      frontDesk.push(await add(`desk${i}`, `前台${i}`, 'frontDesk', stores, 'stores'));
    }
    return { tenantId: tenant.id, tenantCode: code, regionId: region.id, storeIds, password: BENCH_PASSWORD, owner, manager, frontDesk };
  });
}
