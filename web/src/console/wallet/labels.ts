// Names of the ledger's codes in the UI language: assets and journal kinds (unknown codes, e.g.
// from a later module, are shown as they are), and how a tier metric's value reads.
import { yuan } from '../cashier/money';
import type { MsgKey, T } from '../i18n';

export const ASSETS = ['sv_principal', 'sv_bonus', 'sv_frozen', 'points', 'points_pending', 'card_sessions', 'card_days'] as const;
export type Asset = (typeof ASSETS)[number];

export const JOURNAL_KINDS = [
  'recharge',
  'recharge_refund',
  'sv_spend',
  'sv_restitution',
  'sv_refund',
  'sv_bonus_forfeit',
  'sv_adjust',
  'sv_freeze',
  'sv_unfreeze',
  'points_earn',
  'points_release',
  'points_redeem',
  'points_restore',
  'points_clawback',
  'points_expire',
  'points_grant',
  'points_deduct',
] as const;

export function assetName(t: T, asset: string): string {
  return (ASSETS as readonly string[]).includes(asset) ? t(`asset.${asset}` as MsgKey) : asset;
}

export function journalName(t: T, kind: string): string {
  return (JOURNAL_KINDS as readonly string[]).includes(kind) ? t(`journal.${kind}` as MsgKey) : kind;
}

/** Money assets are fen; points and card units are counts. */
export function isMoneyAsset(asset: string): boolean {
  return asset.startsWith('sv_');
}

export function assetAmount(asset: string, amount: number, sign = false): string {
  if (isMoneyAsset(asset)) return yuan(amount, { sign });
  return `${sign && amount > 0 ? '+' : ''}${amount.toLocaleString()}`;
}

export const MONEY_METRICS = ['spend', 'recharge', 'single_order'];

export function metricValue(metric: string, value: number): string {
  return MONEY_METRICS.includes(metric) ? yuan(value) : value.toLocaleString();
}
