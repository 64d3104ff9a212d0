import { defineErrors } from '../../shared/errors';

export const LeadErrors = defineErrors({
  LEAD_NOT_FOUND: { status: 404, 'zh-CN': '潜在客户不存在', en: 'Lead not found' },
  LEAD_TRANSITION: { status: 409, 'zh-CN': '不能从“{from}”变为“{to}”', en: 'A lead cannot move from “{from}” to “{to}”' },
  LEAD_LOST_REASON_REQUIRED: { status: 400, 'zh-CN': '请填写流失原因', en: 'Give the reason the lead was lost' },
  LEAD_CLOSED: { status: 409, 'zh-CN': '该潜在客户已{status},不能再修改', en: 'This lead is {status} and can no longer be changed' },
  LEAD_MOBILE_REQUIRED: { status: 400, 'zh-CN': '转为会员需要手机号', en: 'A mobile number is needed to make the lead a member' },
  LEAD_OWNER_NOT_FOUND: { status: 404, 'zh-CN': '跟进人不是本商户的员工', en: 'The owner is not a staff member of this business' },
});
