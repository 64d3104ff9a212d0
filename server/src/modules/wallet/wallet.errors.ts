import { defineErrors } from '../../shared/errors';

export const WalletErrors = defineErrors({
  STORED_VALUE_INSUFFICIENT: { status: 409, 'zh-CN': '储值余额不足:可用 {available},需要 {required}', en: 'Insufficient stored value: {available} available, {required} needed' },
  RECHARGE_PACKAGE_NOT_FOUND: { status: 404, 'zh-CN': '充值套餐不存在', en: 'Recharge package not found' },
  RECHARGE_PACKAGE_INACTIVE: { status: 409, 'zh-CN': '充值套餐“{name}”已停用', en: 'Recharge package “{name}” is inactive' },
  RECHARGE_PACKAGE_NAME_TAKEN: { status: 409, 'zh-CN': '充值套餐名称“{name}”已存在', en: 'A recharge package named “{name}” already exists' },
  SV_REFUND_NOTHING: { status: 409, 'zh-CN': '没有可退的储值本金', en: 'There is no stored-value principal to refund' },
  SV_REFUND_QUOTE_STALE: { status: 409, 'zh-CN': '余额已变化,请重新生成退款报价', en: 'The balance changed; get a new refund quote' },
  SV_ADJUSTMENT_EMPTY: { status: 400, 'zh-CN': '调整金额不能都为 0', en: 'An adjustment needs a non-zero amount' },
  SV_FREEZE_EXCEEDS: { status: 409, 'zh-CN': '可冻结本金不足:可用 {available}', en: 'Not enough principal to freeze: {available} available' },
  SV_UNFREEZE_EXCEEDS: { status: 409, 'zh-CN': '解冻金额超过已冻结金额 {frozen}', en: 'Unfreeze exceeds the frozen amount {frozen}' },
});
