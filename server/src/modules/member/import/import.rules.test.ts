import { describe, expect, it } from 'vitest';
import { type RowContext, checkMapping, hasOpening, readRow, suggestMapping } from './import.rules';

function context(fields: Record<string, string>): RowContext {
  const headers = Object.keys(fields);
  return {
    headers,
    columns: headers.map((header, index) => ({ index, header, field: fields[header] })),
    custom: new Map(),
    stores: new Map(),
    defaultStoreId: 'sto_1',
    today: '2026-12-03',
    fromXlsx: false,
  };
}

describe('import rules: opening balances', () => {
  const fields = { 姓名: 'name', 手机号: 'mobile', 储值: 'openingStoredValue', 赠送: 'openingBonusValue', 积分: 'openingPoints', 卡项: 'openingCardProduct', 次数: 'openingSessions', 到期: 'openingCardExpiry' };
  const ctx = context(fields);
  const row = (cells: string[]) => readRow(['张三', '13800138000', ...cells], 2, ctx);

  it('reads yuan with thousands separators and currency signs as fen, counts as whole numbers', () => {
    const r = row(['¥1,200.50', '100元', '300', '瑜伽10次卡', '8', '2027/6/30']);
    expect(r.errors).toEqual([]);
    expect(r.record.opening).toMatchObject({ storedValue: 120050, bonusValue: 10000, points: 300, sessions: 8, cardProduct: '瑜伽10次卡', cardExpiry: '2027-06-30' });
    expect(hasOpening(r.record.opening)).toBe(true);
  });

  it('names the cell and the reason for each bad value', () => {
    const r = row(['12.345', '-1', '2.5', '', '3', '2020-01-01']);
    expect(r.errors.map((e) => [e.column, e.code])).toEqual([
      ['储值', 'amount_invalid'],
      ['赠送', 'opening_negative'],
      ['积分', 'integer_invalid'],
      ['到期', 'opening_expiry_past'],
      ['卡项', 'opening_card_product_required'],
    ]);
  });

  it('treats empty and zero cells as no opening balance', () => {
    const r = row(['', '0', '0', '', '', '']);
    expect(r.errors).toEqual([]);
    expect(hasOpening(r.record.opening)).toBe(false);
    expect(readRow(['张三', '13800138000'], 2, context({ 姓名: 'name', 手机号: 'mobile' })).record.opening).toBeNull();
  });

  it('suggests the opening columns Chinese exports use', () => {
    expect(suggestMapping(['储值余额', '赠送金额', '剩余积分', '卡种', '剩余课时', '有效期至'], [])).toEqual({
      储值余额: 'openingStoredValue',
      赠送金额: 'openingBonusValue',
      剩余积分: 'openingPoints',
      卡种: 'openingCardProduct',
      剩余课时: 'openingSessions',
      有效期至: 'openingCardExpiry',
    });
  });

  it('needs each asset’s adjustment permission and a card product for sessions', () => {
    const headers = Object.keys(fields);
    expect(checkMapping(fields, headers, new Set(), () => true)).toEqual([]);
    expect(checkMapping(fields, headers, new Set(), (p) => p !== 'wallet.adjust')).toEqual([{ kind: 'openingForbidden', columns: ['储值', '赠送'], permissions: ['wallet.adjust'] }]);
    const { 卡项: _omit, ...noProduct } = fields;
    expect(checkMapping(noProduct, headers, new Set(), () => true)).toEqual([{ kind: 'missingRequired', field: 'openingCardProduct' }]);
  });
});
