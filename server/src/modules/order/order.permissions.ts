import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'order.read', group: 'cashier', label: { 'zh-CN': '查看订单', en: 'View orders' }, roles: ['manager', 'frontDesk', 'finance'] },
    { code: 'order.create', group: 'cashier', label: { 'zh-CN': '收银开单(含充值、储值与积分支付)', en: 'Take payments (incl. recharges, stored value and points)' }, roles: ['manager', 'frontDesk'] },
    { code: 'order.customPrice', group: 'cashier', label: { 'zh-CN': '手工录入项目与价格', en: 'Enter custom items and prices' }, roles: ['manager'], sensitive: true },
    { code: 'order.refund', group: 'cashier', label: { 'zh-CN': '订单退款', en: 'Refund orders' }, roles: ['manager', 'finance'], sensitive: true },
  ],
  { cashier: { 'zh-CN': '收银与订单', en: 'Cashier & orders' } },
);
