import { defineErrors } from '../../shared/errors';

export const AttendanceErrors = defineErrors({
  ATTENDANCE_ALREADY_IN: { status: 409, 'zh-CN': '已于 {at} 上班打卡,请先下班打卡', en: 'You clocked in at {at}; clock out first' },
  ATTENDANCE_NOT_IN: { status: 409, 'zh-CN': '还没有上班打卡,不能下班打卡(漏打卡请申请补卡)', en: 'You have not clocked in; a forgotten punch is fixed by a correction' },
  ATTENDANCE_OTHER_STORE: { status: 409, 'zh-CN': '上班打卡的门店是 {store},请在该门店下班打卡', en: 'You clocked in at {store}; clock out there' },
  ATTENDANCE_STAFF_ONLY: { status: 403, 'zh-CN': '只有员工本人可以打卡', en: 'Only a signed-in staff member can clock in or out' },
  ATTENDANCE_CORRECTION_NOT_FOUND: { status: 404, 'zh-CN': '补卡申请不存在', en: 'Correction not found' },
  ATTENDANCE_CORRECTION_DECIDED: { status: 409, 'zh-CN': '该补卡申请已处理({status})', en: 'This correction was already decided ({status})' },
  ATTENDANCE_CORRECTION_OWN: { status: 403, 'zh-CN': '不能审批自己的补卡申请', en: 'You cannot decide your own correction' },
  ATTENDANCE_CORRECTION_TIME: { status: 400, 'zh-CN': '补卡时间须在过去 {days} 天内,且不能晚于现在', en: 'A correction must be for the past {days} days and not in the future' },
});
