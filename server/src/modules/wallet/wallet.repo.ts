import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../db/database';
import { precompiled } from '../../db/precompiled';
import type { RechargePackagesTable, WalletSettingsTable } from '../../db/schema';

export type PackageRow = Selectable<RechargePackagesTable>;
export type WalletSettingsRow = Selectable<WalletSettingsTable>;

// Every stored-value spend reads it: compiled once (db/precompiled.ts).
const settingsOf = precompiled((db: Executor, tenantId: string) => db.selectFrom('wallet_settings').selectAll().where('tenant_id', '=', tenantId));

export const walletRepo = {
  settings: (db: Executor, tenantId: string) => settingsOf.takeFirst(db, tenantId),
  upsertSettings: (db: Executor, row: Insertable<WalletSettingsTable>) =>
    db
      .insertInto('wallet_settings')
      .values(row)
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ spend_mode: row.spend_mode, refund_fee_json: row.refund_fee_json, updated_at: row.updated_at }))
      .execute(),
  packages: (db: Executor, tenantId: string, includeInactive: boolean) => {
    let q = db.selectFrom('recharge_packages').selectAll().where('tenant_id', '=', tenantId);
    if (!includeInactive) q = q.where('is_active', '=', true);
    return q.orderBy('sort_order').orderBy('price').execute();
  },
  packageById: (db: Executor, tenantId: string, id: string) =>
    db.selectFrom('recharge_packages').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst(),
  insertPackage: (db: Executor, row: Insertable<RechargePackagesTable>) => db.insertInto('recharge_packages').values(row).execute(),
  updatePackage: (db: Executor, tenantId: string, id: string, patch: Partial<PackageRow>) =>
    db.updateTable('recharge_packages').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute(),
};
