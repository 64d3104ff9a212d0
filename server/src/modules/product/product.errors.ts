import { defineErrors } from '../../shared/errors';

export const ProductErrors = defineErrors({
  PRODUCT_NOT_FOUND: { status: 404, 'zh-CN': '商品或项目不存在', en: 'Product or item not found' },
  PRODUCT_BARCODE_UNKNOWN: { status: 404, 'zh-CN': '没有条码或编码为“{code}”的商品', en: 'No product with barcode or SKU “{code}”' },
  PRODUCT_INACTIVE: { status: 409, 'zh-CN': '“{name}”已停售', en: '“{name}” is no longer sold' },
  PRODUCT_NOT_SOLD_IN_STORE: { status: 409, 'zh-CN': '“{name}”不在本门店销售', en: '“{name}” is not sold in this store' },
  PRODUCT_KIND_MISMATCH: { status: 400, 'zh-CN': '“{name}”是{actual},不能按{expected}销售', en: '“{name}” is a {actual}, not a {expected}' },
  PRODUCT_SKU_TAKEN: { status: 409, 'zh-CN': '商品编码“{sku}”已被使用', en: 'SKU “{sku}” is already used' },
  PRODUCT_BARCODE_TAKEN: { status: 409, 'zh-CN': '条码“{barcode}”已被使用', en: 'Barcode “{barcode}” is already used' },
  PRODUCT_TIER_NOT_FOUND: { status: 404, 'zh-CN': '会员价中的会员等级不存在', en: 'A member price refers to an unknown tier' },
  PRODUCT_FEE_KIND_REQUIRED: { status: 400, 'zh-CN': '费用项目需要选择费用类型(入会费、年费、滞纳金或其他)', en: 'A fee needs a fee kind (join, annual, late or other)' },
  PRODUCT_CATEGORY_NOT_FOUND: { status: 404, 'zh-CN': '商品分类不存在', en: 'Product category not found' },
  PRODUCT_CATEGORY_NAME_TAKEN: { status: 409, 'zh-CN': '分类“{name}”已存在', en: 'A category named “{name}” already exists' },
});
