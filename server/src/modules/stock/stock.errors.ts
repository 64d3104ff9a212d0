import { defineErrors } from '../../shared/errors';

export const StockErrors = defineErrors({
  STOCK_INSUFFICIENT: { status: 409, 'zh-CN': '“{name}”库存不足:现有 {available},需要 {requested}', en: 'Not enough “{name}” in stock: {available} on hand, {requested} needed' },
  STOCK_NOT_STOCKED: { status: 400, 'zh-CN': '“{name}”不是实物商品,没有库存', en: '“{name}” is not a stocked product' },
  STOCK_DUPLICATE_LINE: { status: 400, 'zh-CN': '同一商品在单据中只能出现一次', en: 'Each product may appear only once in a document' },
  STOCK_TRANSFER_SAME_STORE: { status: 400, 'zh-CN': '调出门店和调入门店不能相同', en: 'A transfer needs two different stores' },
  STOCK_DOCUMENT_NOT_FOUND: { status: 404, 'zh-CN': '库存单据不存在', en: 'Stock document not found' },
  STOCKTAKE_NOT_DRAFT: { status: 409, 'zh-CN': '盘点单已{status},不能再修改', en: 'The stocktake is already {status}' },
  STOCKTAKE_EMPTY: { status: 400, 'zh-CN': '盘点单还没有录入任何盘点数量', en: 'The stocktake has no counted quantities yet' },
});
