import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'course.read', group: 'classes', label: { 'zh-CN': '查看课程、课表、课节与名单', en: 'View courses, timetables, classes and rosters' }, roles: ['manager', 'frontDesk', 'teacher'] },
    { code: 'course.manage', group: 'classes', label: { 'zh-CN': '管理课程、教室、老师、课表与课节(含停课、代课)', en: 'Manage courses, rooms, teachers, timetables and classes (cancel, substitute)' }, roles: ['manager'] },
    { code: 'course.settings', group: 'classes', label: { 'zh-CN': '设置预约、取消与签到规则', en: 'Set booking, cancellation and check-in rules' }, roles: ['manager'] },
    { code: 'course.book', group: 'classes', label: { 'zh-CN': '为会员预约、候补与取消课程', en: 'Book, waitlist and cancel classes for members' }, roles: ['manager', 'frontDesk'] },
    { code: 'course.waive', group: 'classes', label: { 'zh-CN': '豁免迟取消扣次', en: 'Waive late-cancellation forfeits' }, roles: ['manager'] },
    { code: 'course.teach', group: 'classes', label: { 'zh-CN': '老师:我的课表、点名与课堂反馈', en: 'Teach: my classes, attendance and class feedback' }, roles: ['manager', 'teacher'] },
    { code: 'course.checkin', group: 'classes', label: { 'zh-CN': '上课签到、撤销签到、标记未到', en: 'Check in, undo check-ins, mark no-shows' }, roles: ['manager', 'frontDesk', 'teacher'] },
  ],
  { classes: { 'zh-CN': '课程与预约', en: 'Classes and booking' } },
);
