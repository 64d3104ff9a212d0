import { definePermissions } from '../../shared/permissions';

/**
 * Member & CRM permissions. Front desk serves members but sees mobiles masked; health data and
 * ID numbers, erasure and CRM settings stay with the owner unless granted.
 */
definePermissions(
  [
    { code: 'member.read', group: 'member', label: { 'zh-CN': '查看会员资料', en: 'View member profiles' }, roles: ['manager', 'frontDesk', 'finance', 'teacher'] },
    { code: 'member.write', group: 'member', label: { 'zh-CN': '新建和编辑会员、家庭成员与沟通记录', en: 'Create and edit members, family and interactions' }, roles: ['manager', 'frontDesk'] },
    {
      code: 'member.mobile.view',
      group: 'member',
      label: { 'zh-CN': '查看完整手机号(否则显示 138****8000)', en: 'See full mobile numbers (otherwise masked 138****8000)' },
      roles: ['manager'],
      sensitive: true,
    },
    {
      code: 'member.sensitive.read',
      group: 'member',
      label: { 'zh-CN': '查看健康信息与证件号(每次查看都记录日志)', en: 'View health data and ID numbers (every view is logged)' },
      roles: [],
      sensitive: true,
    },
    { code: 'member.sensitive.write', group: 'member', label: { 'zh-CN': '录入健康信息与证件号', en: 'Record health data and ID numbers' }, roles: [], sensitive: true },
    { code: 'member.import', group: 'member', label: { 'zh-CN': '批量导入会员', en: 'Import members from files' }, roles: ['manager'] },
    { code: 'member.export', group: 'member', label: { 'zh-CN': '导出会员名单与个人数据', en: 'Export member lists and personal data' }, roles: ['manager'], sensitive: true },
    { code: 'member.erase', group: 'member', label: { 'zh-CN': '注销会员(匿名化个人信息)', en: 'Erase members (anonymise personal data)' }, roles: [], sensitive: true },
    {
      code: 'crm.settings',
      group: 'member',
      label: { 'zh-CN': '会员设置:自定义字段、会员编号、授权同意书版本', en: 'Member settings: custom fields, member numbers, consent texts' },
      roles: [],
    },
  ],
  {
    member: { 'zh-CN': '会员与客户关系', en: 'Members & CRM' },
  },
);

export const MEMBER_PERMISSIONS = {
  read: 'member.read',
  write: 'member.write',
  mobileView: 'member.mobile.view',
  sensitiveRead: 'member.sensitive.read',
  sensitiveWrite: 'member.sensitive.write',
  import: 'member.import',
  export: 'member.export',
  erase: 'member.erase',
  settings: 'crm.settings',
} as const;
