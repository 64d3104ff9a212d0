import { defineErrors } from '../../shared/errors';

export const OrgErrors = defineErrors({
  TENANT_NOT_FOUND: { status: 404, 'zh-CN': '商户不存在', en: 'Tenant not found' },
  TENANT_CODE_TAKEN: { status: 409, 'zh-CN': '商户编号“{code}”已被使用', en: 'Tenant code “{code}” is already taken' },
  REGION_NOT_FOUND: { status: 404, 'zh-CN': '区域不存在', en: 'Region not found' },
  REGION_NAME_TAKEN: { status: 409, 'zh-CN': '区域名称“{name}”已存在', en: 'A region named “{name}” already exists' },
  STORE_NOT_FOUND: { status: 404, 'zh-CN': '门店不存在', en: 'Store not found' },
  STORE_CODE_TAKEN: { status: 409, 'zh-CN': '门店编号“{code}”已存在', en: 'Store code “{code}” already exists' },
  STORE_NAME_TAKEN: { status: 409, 'zh-CN': '门店名称“{name}”已存在', en: 'A store named “{name}” already exists' },
  STORE_INACTIVE: { status: 409, 'zh-CN': '门店已停用', en: 'The store is deactivated' },
});
