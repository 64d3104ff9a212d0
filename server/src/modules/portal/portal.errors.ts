import { defineErrors } from '../../shared/errors';

export const PortalErrors = defineErrors({
  PORTAL_CODE_INVALID: { status: 401, 'zh-CN': '验证码错误或已过期,请重新获取', en: 'Wrong or expired code; ask for a new one' },
  PORTAL_CODE_TOO_SOON: { status: 429, 'zh-CN': '验证码已发送,请 {seconds} 秒后再试', en: 'A code was just sent; try again in {seconds} s' },
  PORTAL_TENANT_REQUIRED: { status: 400, 'zh-CN': '请选择商户', en: 'Choose the business first' },
  PORTAL_ATTENDEE_NOT_YOURS: { status: 403, 'zh-CN': '只能为自己或自己的孩子预约', en: 'You can book only for yourself or your children' },
  PORTAL_BOOKING_NOT_FOUND: { status: 404, 'zh-CN': '预约不存在', en: 'Booking not found' },
});
