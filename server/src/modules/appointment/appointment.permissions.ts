import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    // Teachers (coaches) hold view: they see their own appointments and may complete them or mark no-shows (checked in the service).
    { code: 'appointment.view', group: 'appointments', label: { 'zh-CN': '查看私教预约与教练可约时段(教练仅本人)', en: 'View 1:1 appointments and coach availability (coaches: their own)' }, roles: ['manager', 'frontDesk', 'teacher'] },
    { code: 'appointment.manage', group: 'appointments', label: { 'zh-CN': '预约、取消、完成私教课,设置教练可约时段与规则', en: 'Book, cancel and complete 1:1 appointments; set coach availability and rules' }, roles: ['manager', 'frontDesk'] },
  ],
  { appointments: { 'zh-CN': '私教预约', en: '1:1 appointments' } },
);
