import { CommonErrors, defineErrors } from '../../shared/errors';
import { type Locale, type Localized, interpolate } from '../../shared/i18n';

export const MemberErrors = defineErrors({
  MEMBER_NOT_FOUND: { status: 404, 'zh-CN': '会员不存在', en: 'Member not found' },
  MEMBER_MOBILE_TAKEN: { status: 409, 'zh-CN': '该手机号已被会员 {memberNo} 使用', en: 'This mobile number already belongs to member {memberNo}' },
  MEMBER_CARD_TAKEN: { status: 409, 'zh-CN': '卡号已被会员 {memberNo} 使用', en: 'This card number already belongs to member {memberNo}' },
  MEMBER_NO_TAKEN: { status: 409, 'zh-CN': '会员编号 {memberNo} 已存在', en: 'Member number {memberNo} already exists' },
  MEMBER_ERASED: { status: 409, 'zh-CN': '该会员已注销,资料不可再修改', en: 'This member has been erased; the profile can no longer be changed' },
  MEMBER_HOME_STORE_REQUIRED: {
    status: 400,
    'zh-CN': '请选择会员的所属门店(或在顶部切换到一个门店)',
    en: 'Choose the member’s home store (or switch to a store at the top)',
  },
  MEMBER_REFERRER_NOT_FOUND: { status: 404, 'zh-CN': '推荐人不是本商户的会员', en: 'The referrer is not a member of this business' },
  MEMBER_SETTINGS_INVALID: { status: 400, 'zh-CN': '会员编号设置无效:{reason}', en: 'Invalid member-number settings: {reason}' },
  CUSTOM_FIELD_NOT_FOUND: { status: 404, 'zh-CN': '自定义字段不存在', en: 'Custom field not found' },
  CUSTOM_FIELD_KEY_TAKEN: { status: 409, 'zh-CN': '字段标识“{key}”已存在', en: 'A custom field with key “{key}” already exists' },
  CUSTOM_FIELD_OPTIONS_REQUIRED: { status: 400, 'zh-CN': '选项类字段至少需要一个选项', en: 'A choice field needs at least one option' },
  DEPENDENT_NOT_FOUND: { status: 404, 'zh-CN': '家庭成员不存在', en: 'Family member not found' },
  GUARDIAN_EXISTS: { status: 409, 'zh-CN': '该会员已是此孩子的监护人', en: 'This member is already a guardian of the child' },
  GUARDIAN_LIMIT: { status: 409, 'zh-CN': '一个孩子最多登记 {max} 位监护人', en: 'A child can have at most {max} guardians' },
  GUARDIAN_LAST: { status: 409, 'zh-CN': '不能移除最后一位监护人', en: 'The last guardian cannot be removed' },
  GUARDIAN_NOT_FOUND: { status: 404, 'zh-CN': '该会员不是此孩子的监护人', en: 'This member is not a guardian of the child' },
  CONTACT_NOT_FOUND: { status: 404, 'zh-CN': '联系人不存在', en: 'Contact not found' },
  CHILD_CONSENT_REQUIRED: {
    status: 409,
    'zh-CN': '孩子未满 14 周岁:需要监护人对儿童个人信息处理的单独同意(请填写同意书版本)',
    en: 'The child is under 14: a guardian’s separate consent to processing the child’s data is required (give the consent text version)',
  },
  SENSITIVE_CONSENT_REQUIRED: {
    status: 409,
    'zh-CN': '录入健康信息或证件号前,需要会员对敏感个人信息处理的单独同意',
    en: 'Record the member’s separate consent to processing sensitive personal data before entering health data or ID numbers',
  },
  CONSENT_TEXT_NOT_FOUND: { status: 404, 'zh-CN': '同意书版本不存在', en: 'Consent text version not found' },
  CONSENT_TEXT_KIND_MISMATCH: { status: 400, 'zh-CN': '同意书类型与所需同意不符', en: 'The consent text is for a different kind of consent' },
  CONSENT_TEXT_VERSION_TAKEN: { status: 409, 'zh-CN': '同意书版本“{version}”已存在', en: 'Consent text version “{version}” already exists' },
  CONSENT_NOT_FOUND: { status: 404, 'zh-CN': '同意记录不存在', en: 'Consent record not found' },
  CONSENT_ALREADY_WITHDRAWN: { status: 409, 'zh-CN': '该同意已撤回', en: 'This consent was already withdrawn' },
  FIELD_DECRYPT_FAILED: {
    status: 500,
    'zh-CN': '加密数据无法解密:请检查数据密钥配置(TESSERA_DATA_KEY)',
    en: 'Encrypted data could not be decrypted: check the data-key configuration (TESSERA_DATA_KEY)',
  },
  UPLOAD_REQUIRED: { status: 400, 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  PHOTO_INVALID: { status: 415, 'zh-CN': '照片只支持 JPEG、PNG 或 WebP 格式', en: 'Photos must be JPEG, PNG or WebP' },
  PHOTO_NOT_FOUND: { status: 404, 'zh-CN': '该会员没有照片', en: 'This member has no photo' },
  IMPORT_NOT_FOUND: { status: 404, 'zh-CN': '导入任务不存在', en: 'Import job not found' },
  IMPORT_FILE_TYPE: {
    status: 415,
    'zh-CN': '只支持 CSV 和 XLSX 文件(旧版 .xls 请在 Excel 中另存为 .xlsx)',
    en: 'Only CSV and XLSX files are supported (save old .xls files as .xlsx in Excel)',
  },
  IMPORT_FILE_EMPTY: { status: 400, 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  IMPORT_FILE_MALFORMED: { status: 400, 'zh-CN': '文件格式有误(第 {line} 行):{reason}', en: 'The file is malformed (line {line}): {reason}' },
  IMPORT_TOO_MANY_ROWS: { status: 413, 'zh-CN': '一次最多导入 {max} 行,请拆分文件', en: 'At most {max} rows per import; split the file' },
  IMPORT_MAPPING_INVALID: { status: 400, 'zh-CN': '列对应关系有误:{reason}', en: 'Invalid column mapping: {reason}' },
  IMPORT_OPENING_BALANCE_FORBIDDEN: {
    status: 403,
    'zh-CN': '导入期初余额需要相应的调整权限(储值、积分或会员卡):列“{columns}”请取消对应,或请有权限的同事导入',
    en: 'Importing opening balances needs the matching adjustment permission (stored value, points or cards): unmap column(s) “{columns}” or ask a colleague who has it',
  },
  IMPORT_STATE: { status: 409, 'zh-CN': '导入任务当前状态为“{status}”,不能{action}', en: 'The import job is “{status}”; it cannot {action}' },
  IMPORT_HAS_ERRORS: {
    status: 409,
    'zh-CN': '有 {count} 行数据有误:请下载错误报告修正后重新上传,或选择跳过错误行',
    en: '{count} rows have errors: download the error report and upload a corrected file, or choose to skip invalid rows',
  },
  IMPORT_MAPPING_NOT_FOUND: { status: 404, 'zh-CN': '保存的列对应方案不存在', en: 'Saved column mapping not found' },
  IMPORT_MAPPING_NAME_TAKEN: { status: 409, 'zh-CN': '已有名为“{name}”的对应方案', en: 'A mapping named “{name}” already exists' },
  IMPORT_DATA_CHANGED: {
    status: 409,
    'zh-CN': '校验之后数据发生了变化(例如手机号或卡号已被占用),未导入任何数据,请重新校验',
    en: 'The data changed after the check (e.g. a mobile or card number was taken meanwhile); nothing was imported; check the file again',
  },
  IMPORT_CANCELLED: { status: 409, 'zh-CN': '导入已取消,未写入任何数据', en: 'The import was cancelled; nothing was written' },
  IMPORT_INTERRUPTED: { status: 500, 'zh-CN': '导入被中断(服务重启),未写入任何数据,请重新执行', en: 'The import was interrupted (server restart); nothing was written; run it again' },
});

/** Field-level messages for details[] of VALIDATION_FAILED raised by services (not zod). */
const FIELD_MESSAGES: Record<string, Localized> = {
  birthday_in_future: { 'zh-CN': '生日不能晚于今天', en: 'The birthday cannot be in the future' },
  lunar_date_invalid: { 'zh-CN': '农历日期不存在', en: 'No such lunar date' },
  custom_field_unknown: { 'zh-CN': '没有这个自定义字段', en: 'No such custom field' },
  custom_field_inactive: { 'zh-CN': '该自定义字段已停用', en: 'This custom field is deactivated' },
  custom_field_required: { 'zh-CN': '必填', en: 'Required' },
  invalid_number: { 'zh-CN': '应为数字', en: 'Must be a number' },
  invalid_date: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  invalid_choice: { 'zh-CN': '不是可选的选项', en: 'Not one of the options' },
  invalid_type: { 'zh-CN': '类型不正确', en: 'Wrong type' },
  too_long: { 'zh-CN': '内容过长', en: 'Too long' },
  id_number_invalid: { 'zh-CN': '身份证号码不正确(18 位,含校验位)', en: 'Invalid resident ID number (18 characters with check digit)' },
  filter_unknown: { 'zh-CN': '未知的筛选条件', en: 'Unknown filter' },
};

export interface FieldProblem {
  path: string;
  code: string;
  params?: Record<string, unknown>;
}

/** VALIDATION_FAILED with localised field details, the same shape zod failures get. */
export function invalidFields(locale: Locale, problems: FieldProblem[]) {
  return CommonErrors.VALIDATION_FAILED({
    details: problems.map((p) => ({ path: p.path, code: p.code, message: interpolate(FIELD_MESSAGES[p.code]?.[locale] ?? p.code, p.params) })),
  });
}
