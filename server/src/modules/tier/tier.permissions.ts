import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'tier.read', group: 'tier', label: { 'zh-CN': '查看会员等级', en: 'View tiers' }, roles: ['manager', 'frontDesk', 'finance', 'teacher'] },
    { code: 'tier.assign', group: 'tier', label: { 'zh-CN': '手工设置 / 锁定会员等级', en: 'Set and lock a member’s tier' }, roles: ['manager'], sensitive: true },
    { code: 'tier.manage', group: 'tier', label: { 'zh-CN': '设置等级体系', en: 'Configure tiers' }, roles: [] },
  ],
  { tier: { 'zh-CN': '会员等级', en: 'Tiers' } },
);
