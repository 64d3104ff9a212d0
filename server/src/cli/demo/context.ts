import type { Services } from '../../services';

/**
 * The demo tenant as seed-demo.ts hands it to the seeders in this folder. They run in order
 * after the tenant, stores and staff exist, and may leave ids in `shared` for the ones after.
 */
export interface DemoContext {
  tenantId: string;
  storeIds: { yoga: string; early: string };
  shared: Record<string, unknown>;
}

export type DemoSeeder = (s: Services, demo: DemoContext) => Promise<void>;
