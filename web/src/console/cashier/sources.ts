// The cashier's own tabs of buttons: the store's quick keys, recharge packages, service items
// and fees. Later modules add theirs with registerLineSource (see line-kinds.ts).
import { api, call } from '../../api/client';
import { type PickItem, registerLineSource } from './line-kinds';

registerLineSource({
  key: 'quick',
  label: 'cashier.source.quick',
  permission: 'product.read',
  async load(storeId) {
    const r = await call(api.GET('/api/v1/stores/{storeId}/quick-keys', { params: { path: { storeId } } }));
    return r.items
      .filter((k) => k.product.isActive)
      .map<PickItem>((k) => ({
        key: `q${k.position}`,
        kind: k.product.kind,
        itemId: k.productId,
        name: k.product.name,
        label: k.label,
        price: k.product.price,
        unit: k.product.unit,
        color: k.color,
        code: k.product.barcode ?? k.product.sku,
      }));
  },
});

registerLineSource({
  key: 'recharge',
  label: 'cashier.source.recharge',
  permission: 'wallet.read',
  async load() {
    const r = await call(api.GET('/api/v1/recharge-packages', { params: { query: {} } }));
    return r.items
      .filter((p) => p.isActive)
      .map<PickItem>((p) => ({
        key: p.id,
        kind: 'recharge',
        itemId: p.id,
        name: p.name,
        price: p.price,
        unit: null,
        bonus: p.credit.bonus > 0 || p.bonusPoints > 0 ? { value: p.credit.bonus, points: p.bonusPoints } : undefined,
      }));
  },
});

async function catalogueOf(kind: 'service' | 'fee', storeId: string): Promise<PickItem[]> {
  const r = await call(api.GET('/api/v1/products', { params: { query: { kind, limit: 60 } } }));
  return r.items
    .filter((p) => p.isActive && (p.storeIds === null || p.storeIds.includes(storeId)))
    .map<PickItem>((p) => ({ key: p.id, kind: p.kind, itemId: p.id, name: p.name, price: p.price, unit: p.unit, code: p.sku }));
}

registerLineSource({ key: 'services', label: 'cashier.source.services', permission: 'product.read', load: (storeId) => catalogueOf('service', storeId) });
registerLineSource({ key: 'fees', label: 'cashier.source.fees', permission: 'product.read', load: (storeId) => catalogueOf('fee', storeId) });
