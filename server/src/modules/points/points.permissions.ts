import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'points.read', group: 'points', label: { 'zh-CN': '查看积分与积分规则', en: 'View points and point rules' }, roles: ['manager', 'frontDesk', 'finance'] },
    { code: 'points.adjust', group: 'points', label: { 'zh-CN': '手工发放 / 扣减积分', en: 'Grant or deduct points by hand' }, roles: ['manager'], sensitive: true },
    { code: 'points.settings', group: 'points', label: { 'zh-CN': '设置积分规则', en: 'Set point rules' }, roles: [] },
  ],
  { points: { 'zh-CN': '积分', en: 'Points' } },
);
