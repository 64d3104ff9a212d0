import { defineErrors } from '../../shared/errors';
import { formatYuan } from '../../shared/money';

export const LedgerErrors = defineErrors({
  INSUFFICIENT_BALANCE: { status: 409, 'zh-CN': '{asset}余额不足:可用 {available},需要 {required}', en: 'Insufficient {asset}: {available} available, {required} needed' },
  ENTRY_ALREADY_REVERSED: { status: 409, 'zh-CN': '该流水已冲正过', en: 'This entry was already reversed' },
  ENTRY_NOT_FOUND: { status: 404, 'zh-CN': '流水不存在', en: 'Ledger entry not found' },
});

/** Asset names for messages. */
export const ASSET_NAMES: Record<string, { 'zh-CN': string; en: string }> = {
  sv_principal: { 'zh-CN': '储值本金', en: 'stored-value principal' },
  sv_bonus: { 'zh-CN': '赠送金额', en: 'stored-value bonus' },
  sv_frozen: { 'zh-CN': '冻结金额', en: 'frozen stored value' },
  points: { 'zh-CN': '积分', en: 'points' },
  points_pending: { 'zh-CN': '待生效积分', en: 'pending points' },
  card_sessions: { 'zh-CN': '卡内次数', en: 'card sessions' },
  card_days: { 'zh-CN': '卡内天数', en: 'card days' },
};

/** Money assets read as ¥; counts (points, sessions, days) as numbers. */
export function formatAsset(kind: string, n: number): string {
  return kind.startsWith('sv_') ? `¥${formatYuan(n)}` : String(n);
}
