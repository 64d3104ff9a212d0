import { randomUUID } from 'node:crypto';
import type { Services } from '../../services';
import { type Ctx, systemCtx } from '../../shared/context';
import type { DemoContext } from './context';

/**
 * Cashier & retail demo: what a yoga studio and an early-education centre sell at the desk —
 * drinks, towels, mats and props, picture books and children's things, private lessons and
 * trial classes, join / annual / late fees — with member prices for the tiers, stock received
 * in both stores (a few items running low), quick keys, shifts required in both stores, and an
 * open shift at the yoga studio with the morning's first sales.
 */
export async function seedRetailDemo(s: Services, demo: DemoContext): Promise<void> {
  const base = systemCtx(demo.tenantId, { name: 'tessera seed --demo' });
  // Posting routes are idempotent: each seeded posting gets its own key.
  const once = (ctx: Ctx): Ctx => ({ ...ctx, idempotency: { key: `demo-${randomUUID()}`, requestHash: 'demo' } });
  const { yoga, early } = demo.storeIds;
  const tiers = (await s.tier.getConfig(base)).levels;
  const silver = tiers.find((l) => l.name.startsWith('银卡'))?.id;
  const gold = tiers.find((l) => l.name.startsWith('金卡'))?.id;
  const memberPrices = (silverPrice: number, goldPrice: number) => [...(silver ? [{ tierId: silver, price: silverPrice }] : []), ...(gold ? [{ tierId: gold, price: goldPrice }] : [])];

  const cat = async (name: string, sortOrder: number) => (await s.products.createCategory(base, { name, sortOrder })).id;
  const drinks = await cat('饮品', 1);
  const props = await cat('瑜伽用品', 2);
  const books = await cat('早教绘本', 3);
  const kids = await cat('儿童用品', 4);
  const lessons = await cat('课程服务', 5);
  const fees = await cat('会籍费用', 6);

  const p = async (input: Parameters<Services['products']['create']>[1]) => (await s.products.create(base, input)).id;
  const water = await p({ kind: 'product', name: '农夫山泉矿泉水 550ml', sku: 'DRK-001', barcode: '6921168509256', categoryId: drinks, unit: '瓶', price: 300, cost: 120, taxRateBp: 1300, lowStockThreshold: 24, sortOrder: 1 });
  const sparkling = await p({ kind: 'product', name: '元气森林气泡水 480ml', sku: 'DRK-002', barcode: '6970399920415', categoryId: drinks, unit: '瓶', price: 600, cost: 300, taxRateBp: 1300, lowStockThreshold: 12, sortOrder: 2 });
  const towel = await p({ kind: 'product', name: '速干运动毛巾', sku: 'YJ-TWL', barcode: '6970000000028', categoryId: props, unit: '条', price: 2500, cost: 800, taxRateBp: 1300, lowStockThreshold: 10, storeIds: [yoga], tierPrices: memberPrices(2300, 2000), sortOrder: 3 });
  const mat = await p({ kind: 'product', name: '加厚防滑瑜伽垫 6mm', sku: 'YJ-MAT6', barcode: '6970000000011', categoryId: props, unit: '张', price: 20000, cost: 9000, taxRateBp: 1300, lowStockThreshold: 3, storeIds: [yoga], tierPrices: memberPrices(18000, 16000), sortOrder: 4 });
  const block = await p({ kind: 'product', name: '高密度瑜伽砖', sku: 'YJ-BLK', barcode: '6970000000035', categoryId: props, unit: '块', price: 4500, cost: 1800, taxRateBp: 1300, lowStockThreshold: 5, storeIds: [yoga], sortOrder: 5 });
  const strap = await p({ kind: 'product', name: '棉质伸展带', sku: 'YJ-STR', barcode: '6970000000042', categoryId: props, unit: '条', price: 5000, cost: 1500, taxRateBp: 1300, lowStockThreshold: 5, storeIds: [yoga], sortOrder: 6 });
  const caterpillar = await p({ kind: 'product', name: '绘本《好饿的毛毛虫》', sku: 'BK-001', barcode: '9787533256180', categoryId: books, unit: '本', price: 3980, cost: 2200, taxRateBp: 900, lowStockThreshold: 3, storeIds: [early], tierPrices: memberPrices(3580, 3380), sortOrder: 7 });
  const guess = await p({ kind: 'product', name: '绘本《猜猜我有多爱你》', sku: 'BK-002', barcode: '9787533256197', categoryId: books, unit: '本', price: 3200, cost: 1700, taxRateBp: 900, lowStockThreshold: 3, storeIds: [early], sortOrder: 8 });
  const cup = await p({ kind: 'product', name: '儿童吸管水杯 350ml', sku: 'KD-CUP', barcode: '6970000000059', categoryId: kids, unit: '个', price: 5900, cost: 2500, taxRateBp: 1300, lowStockThreshold: 4, storeIds: [early], sortOrder: 9 });
  const socks = await p({ kind: 'product', name: '儿童防滑袜', sku: 'KD-SCK', barcode: '6970000000066', categoryId: kids, unit: '双', price: 1500, cost: 500, taxRateBp: 1300, lowStockThreshold: 10, storeIds: [early], sortOrder: 10 });
  const pt = await p({ kind: 'service', name: '私教课 60 分钟', sku: 'SV-PT60', categoryId: lessons, price: 30000, durationMinutes: 60, storeIds: [yoga], tierPrices: memberPrices(28000, 26000), sortOrder: 11 });
  const trial = await p({ kind: 'service', name: '早教体验课 45 分钟', sku: 'SV-TRY45', categoryId: lessons, price: 9900, durationMinutes: 45, storeIds: [early], sortOrder: 12 });
  const join = await p({ kind: 'fee', feeKind: 'join', name: '入会费', sku: 'FEE-JOIN', categoryId: fees, price: 20000, sortOrder: 13 });
  await p({ kind: 'fee', feeKind: 'annual', name: '年费', sku: 'FEE-YEAR', categoryId: fees, price: 30000, sortOrder: 14 });
  await p({ kind: 'fee', feeKind: 'late', name: '逾期滞纳金', sku: 'FEE-LATE', categoryId: fees, price: 5000, sortOrder: 15 });
  await p({ kind: 'fee', feeKind: 'other', name: '超时托管费(每 30 分钟)', sku: 'FEE-OVT', categoryId: fees, price: 3000, storeIds: [early], sortOrder: 16 });

  // Goods in: a delivery for each store (瑜伽砖 and 绘本《猜猜我有多爱你》 arrive short, so the low-stock list has something to show).
  await s.stock.receive(once(base), {
    storeId: yoga,
    supplier: '上海悦动体育用品有限公司',
    note: '月初备货',
    lines: [
      { productId: water, quantity: 96, unitCost: 120 },
      { productId: sparkling, quantity: 48, unitCost: 300 },
      { productId: towel, quantity: 40, unitCost: 800 },
      { productId: mat, quantity: 12, unitCost: 9000 },
      { productId: block, quantity: 4, unitCost: 1800 },
      { productId: strap, quantity: 15, unitCost: 1500 },
    ],
  });
  await s.stock.receive(once(base), {
    storeId: early,
    supplier: '新华书店浦东发行部',
    lines: [
      { productId: water, quantity: 48, unitCost: 120 },
      { productId: caterpillar, quantity: 10, unitCost: 2200 },
      { productId: guess, quantity: 2, unitCost: 1700 },
      { productId: cup, quantity: 12, unitCost: 2500 },
      { productId: socks, quantity: 30, unitCost: 500 },
    ],
  });
  await s.stock.transfer(once(base), { fromStoreId: yoga, toStoreId: early, note: '早教中心借调饮品', lines: [{ productId: sparkling, quantity: 12 }] });

  await s.products.setQuickKeys(base, yoga, [
    { productId: water, label: '矿泉水', color: '#1677ff' },
    { productId: sparkling, label: '气泡水', color: '#13c2c2' },
    { productId: towel, label: '毛巾', color: '#52c41a' },
    { productId: mat, label: '瑜伽垫', color: '#722ed1' },
    { productId: pt, label: '私教课', color: '#fa8c16' },
    { productId: join, label: '入会费', color: '#8c8c8c' },
  ]);
  await s.products.setQuickKeys(base, early, [
    { productId: trial, label: '体验课', color: '#fa8c16' },
    { productId: caterpillar, label: '毛毛虫', color: '#52c41a' },
    { productId: socks, label: '防滑袜', color: '#1677ff' },
    { productId: water, label: '矿泉水', color: '#13c2c2' },
  ]);

  // Both stores take payments only within a shift; the yoga studio's morning shift is open.
  for (const storeId of [yoga, early]) await s.shifts.setSettings(base, storeId, { requiresShift: true });
  const desk: Ctx = { ...systemCtx(demo.tenantId, { name: '赵敏' }), storeId: yoga };
  await s.shifts.open(once(desk), { storeId: yoga, openingFloat: 50000, note: '早班' });
  const memberIds = (demo.shared.memberIds ?? {}) as Record<string, string>;
  await s.orders.checkout(once(desk), {
    storeId: yoga,
    lines: [
      { kind: 'product', itemId: water, quantity: 2 },
      { kind: 'product', itemId: towel, quantity: 1 },
    ],
    tenders: [{ method: 'cash', amount: 3100, tendered: 5000 }],
  });
  if (memberIds['林晓雯']) {
    await s.orders.checkout(once(desk), {
      storeId: yoga,
      memberId: memberIds['林晓雯'],
      lines: [
        { kind: 'product', itemId: mat, quantity: 1 },
        { kind: 'service', itemId: pt, quantity: 1 },
      ],
      tenders: [{ method: 'wechat', amount: 50000, reference: 'WX4200002180' }],
    });
  }
}
