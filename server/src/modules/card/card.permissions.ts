import { definePermissions } from '../../shared/permissions';

definePermissions(
  [
    { code: 'card.read', group: 'cards', label: { 'zh-CN': '查看卡项与会员卡', en: 'View card products and member cards' }, roles: ['manager', 'frontDesk', 'finance'] },
    { code: 'card.product.manage', group: 'cards', label: { 'zh-CN': '管理卡项(价格、有效期、停卡/转卡/退卡规则)', en: 'Manage card products (prices, validity, freeze / transfer / refund rules)' }, roles: ['manager'] },
    { code: 'card.settings', group: 'cards', label: { 'zh-CN': '设置会员卡提醒与培训机构规则', en: 'Set card reminders and training-school rules' }, roles: [] },
    { code: 'card.operate', group: 'cards', label: { 'zh-CN': '办理开卡、停卡、转卡、升级与家庭共享', en: 'Activate, freeze, transfer, upgrade and share cards' }, roles: ['manager', 'frontDesk'] },
    { code: 'card.consume', group: 'cards', label: { 'zh-CN': '预约预留、签到扣次与撤销', en: 'Hold, consume and reverse card sessions' }, roles: ['manager', 'frontDesk', 'teacher'] },
    { code: 'card.adjust', group: 'cards', label: { 'zh-CN': '手工调整次数/有效期、免收手续费、注销会员卡', en: 'Adjust sessions and expiry, waive fees, cancel cards' }, roles: ['manager'], sensitive: true },
    { code: 'card.refund', group: 'cards', label: { 'zh-CN': '会员卡退卡', en: 'Refund member cards' }, roles: ['manager', 'finance'], sensitive: true },
    { code: 'card.report', group: 'cards', label: { 'zh-CN': '查看跨店结算、确认收入与过期核销报表', en: 'View inter-store settlement, revenue and write-off reports' }, roles: ['manager', 'finance'] },
  ],
  { cards: { 'zh-CN': '会员卡', en: 'Membership cards' } },
);
