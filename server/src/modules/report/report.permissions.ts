import { definePermissions } from '../../shared/permissions';

definePermissions(
  [{ code: 'report.cashier', group: 'report', label: { 'zh-CN': '查看收银日报', en: 'View daily cashier reports' }, roles: ['manager', 'finance'] }],
  { report: { 'zh-CN': '报表', en: 'Reports' } },
);
