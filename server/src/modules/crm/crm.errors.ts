import { defineErrors } from '../../shared/errors';

export const CrmErrors = defineErrors({
  INTERACTION_NOT_FOUND: { status: 404, 'zh-CN': '沟通记录不存在', en: 'Interaction not found' },
  INTERACTION_STATUS_NOT_ALLOWED: {
    status: 400,
    'zh-CN': '只有投诉和建议有处理状态',
    en: 'Only complaints and suggestions have a status',
  },
  INTERACTION_TRANSITION: { status: 409, 'zh-CN': '不能从“{from}”变为“{to}”', en: 'Cannot move from “{from}” to “{to}”' },
  INTERACTION_RESOLUTION_REQUIRED: { status: 400, 'zh-CN': '标记为已解决前请填写处理结果', en: 'Write the resolution before marking it resolved' },
  CRM_OWNER_NOT_FOUND: { status: 404, 'zh-CN': '负责人不是本商户的员工', en: 'The owner is not a staff member of this business' },
  IMPORTANT_DATE_NOT_FOUND: { status: 404, 'zh-CN': '重要日期不存在', en: 'Important date not found' },
});
