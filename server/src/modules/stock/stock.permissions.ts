import { definePermissions } from '../../shared/permissions';

definePermissions([
  { code: 'stock.read', group: 'retail', label: { 'zh-CN': '查看库存、出入库记录与库存金额', en: 'View stock, stock moves and stock value' }, roles: ['manager', 'frontDesk', 'finance'] },
  { code: 'stock.manage', group: 'retail', label: { 'zh-CN': '入库、调拨、盘点与库存调整', en: 'Receive, transfer, count and adjust stock' }, roles: ['manager'] },
]);
