import { defineErrors } from '../../shared/errors';

export const StaffErrors = defineErrors({
  LOGIN_FAILED: { status: 401, 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  ACCOUNT_LOCKED: { status: 423, 'zh-CN': '登录失败次数过多,账号已临时锁定,请于 {until} 后再试', en: 'Too many failed sign-ins; the account is locked until {until}' },
  ACCOUNT_DISABLED: { status: 403, 'zh-CN': '账号已停用', en: 'The account is disabled' },
  TENANT_REQUIRED: { status: 400, 'zh-CN': '请填写商户编号', en: 'Enter the tenant code' },
  PASSWORD_INCORRECT: { status: 400, 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  PASSWORD_REUSED: { status: 400, 'zh-CN': '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  STAFF_NOT_FOUND: { status: 404, 'zh-CN': '员工不存在', en: 'Staff member not found' },
  STAFF_LOGIN_TAKEN: { status: 409, 'zh-CN': '登录名“{login}”已被使用', en: 'Login “{login}” is already taken' },
  ROLE_NOT_FOUND: { status: 404, 'zh-CN': '角色不存在', en: 'Role not found' },
  ROLE_NAME_TAKEN: { status: 409, 'zh-CN': '角色名称“{name}”已存在', en: 'A role named “{name}” already exists' },
  ROLE_BUILTIN_READONLY: { status: 409, 'zh-CN': '内置角色不可修改或删除', en: 'Built-in roles cannot be changed or deleted' },
  ROLE_IN_USE: { status: 409, 'zh-CN': '角色仍有 {count} 名员工在使用,不能删除', en: 'The role is still held by {count} staff member(s)' },
  PERMISSION_UNKNOWN: { status: 400, 'zh-CN': '未知权限:{codes}', en: 'Unknown permission(s): {codes}' },
  PRIVILEGE_ESCALATION: { status: 403, 'zh-CN': '不能授予自己没有的权限:{codes}', en: 'You cannot grant permissions you do not hold: {codes}' },
  SCOPE_ESCALATION: { status: 403, 'zh-CN': '不能授予超出自己数据范围的门店或区域', en: 'You cannot grant stores or regions outside your own data scope' },
  SCOPE_INVALID: { status: 400, 'zh-CN': '数据范围设置不完整:{reason}', en: 'Incomplete data scope: {reason}' },
  LAST_OWNER: { status: 409, 'zh-CN': '不能停用或降级最后一位老板账号', en: 'The last owner account cannot be disabled or demoted' },
  SELF_DISABLE: { status: 409, 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  API_KEY_NOT_FOUND: { status: 404, 'zh-CN': 'API 密钥不存在', en: 'API key not found' },
  STAFF_SESSION_REQUIRED: { status: 403, 'zh-CN': '此操作需要员工登录', en: 'This requires a staff sign-in' },
});
