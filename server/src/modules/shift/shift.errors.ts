import { defineErrors } from '../../shared/errors';

export const ShiftErrors = defineErrors({
  SHIFT_NOT_FOUND: { status: 404, 'zh-CN': '班次不存在', en: 'Shift not found' },
  SHIFT_NOT_OPEN: { status: 409, 'zh-CN': '本门店当前没有开班,请先开班再收银', en: 'No shift is open in this store; open a shift first' },
  SHIFT_ALREADY_OPEN: { status: 409, 'zh-CN': '本门店已有未交班的班次 {shiftNo}', en: 'Shift {shiftNo} is still open in this store' },
  SHIFT_ALREADY_CLOSED: { status: 409, 'zh-CN': '该班次已交班', en: 'This shift is already closed' },
  SHIFT_NOT_CLOSED: { status: 409, 'zh-CN': '班次尚未交班,不能确认', en: 'The shift is not closed yet' },
  SHIFT_ALREADY_CONFIRMED: { status: 409, 'zh-CN': '该班次已确认', en: 'This shift is already confirmed' },
  SHIFT_CONFIRM_OWN: { status: 403, 'zh-CN': '交班需由另一位员工确认', en: 'Another staff member must confirm the shift' },
  SHIFT_COUNT_MISSING: { status: 400, 'zh-CN': '请填写{method}的实点金额', en: 'Enter the counted amount for {method}' },
  SHIFT_DIFFERENCE_REASON_REQUIRED: { status: 400, 'zh-CN': '实点与应有不符({difference}),请填写差异原因', en: 'Counted differs from expected ({difference}); give a reason' },
  SHIFT_CASH_OUT_EXCEEDS: { status: 409, 'zh-CN': '钱箱现金只有 {available},不能取出 {amount}', en: 'The drawer holds {available} in cash; {amount} cannot be taken out' },
});
