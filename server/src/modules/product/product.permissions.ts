import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'product.read', group: 'retail', label: { 'zh-CN': '查看商品、服务项目与费用', en: 'View products, services and fees' }, roles: ['manager', 'frontDesk', 'finance'] },
    { code: 'product.manage', group: 'retail', label: { 'zh-CN': '管理商品、价格、会员价与收银快捷键', en: 'Manage products, prices, member prices and cashier quick keys' }, roles: ['manager'] },
  ],
  { retail: { 'zh-CN': '商品与库存', en: 'Products & stock' } },
);
