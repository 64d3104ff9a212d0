import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'attendance.clock', group: 'attendance', label: { 'zh-CN': '上下班打卡、查看本人考勤、申请补卡', en: 'Clock in and out, see one’s own attendance, ask for corrections' }, roles: ['manager', 'frontDesk', 'finance', 'teacher'] },
    { code: 'attendance.manage', group: 'attendance', label: { 'zh-CN': '查看员工考勤与月度工时、审批补卡', en: 'View staff attendance and monthly hours, approve corrections' }, roles: ['manager'] },
  ],
  { attendance: { 'zh-CN': '考勤', en: 'Attendance' } },
);
