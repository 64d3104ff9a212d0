import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'wallet.read', group: 'wallet', label: { 'zh-CN': '查看储值余额与流水', en: 'View stored value and its ledger' }, roles: ['manager', 'frontDesk', 'finance'] },
    { code: 'wallet.freeze', group: 'wallet', label: { 'zh-CN': '冻结 / 解冻储值', en: 'Freeze and unfreeze stored value' }, roles: ['manager', 'finance'], sensitive: true },
    { code: 'wallet.refund', group: 'wallet', label: { 'zh-CN': '储值退款', en: 'Refund stored value' }, roles: ['manager', 'finance'], sensitive: true },
    { code: 'wallet.adjust', group: 'wallet', label: { 'zh-CN': '手工调整储值余额', en: 'Adjust stored value by hand' }, roles: ['finance'], sensitive: true },
    { code: 'wallet.settings', group: 'wallet', label: { 'zh-CN': '设置充值套餐与储值规则', en: 'Set recharge packages and stored-value rules' }, roles: [] },
  ],
  { wallet: { 'zh-CN': '储值', en: 'Stored value' } },
);
