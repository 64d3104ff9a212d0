import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'shift.read', group: 'shift', label: { 'zh-CN': '查看班次与交班报表', en: 'View shifts and shift reports' }, roles: ['manager', 'frontDesk', 'finance'] },
    { code: 'shift.operate', group: 'shift', label: { 'zh-CN': '开班、存取现金、交班', en: 'Open shifts, cash in/out, close shifts' }, roles: ['manager', 'frontDesk'] },
    { code: 'shift.confirm', group: 'shift', label: { 'zh-CN': '确认交班(核对长短款)', en: 'Confirm closed shifts (check differences)' }, roles: ['manager'], sensitive: true },
    { code: 'shift.settings', group: 'shift', label: { 'zh-CN': '设置门店是否必须开班收银', en: 'Set whether a store must run shifts' }, roles: [] },
  ],
  { shift: { 'zh-CN': '交班', en: 'Shifts' } },
);
