// Names of the cashier's codes in the UI language: tender methods, order statuses, line kinds.
import type { MsgKey, T } from '../i18n';

const METHOD: Record<string, MsgKey> = {
  cash: 'tender.cash',
  wechat: 'tender.wechat',
  alipay: 'tender.alipay',
  bank_card: 'tender.bank_card',
  stored_value: 'tender.stored_value',
  points: 'tender.points',
  other: 'tender.other',
};

export function methodName(t: T, method: string): string {
  const k = METHOD[method];
  return k ? t(k) : method;
}

export const METHOD_COLOR: Record<string, string> = {
  cash: '#d48806',
  wechat: '#389e0d',
  alipay: '#1677ff',
  bank_card: '#531dab',
  stored_value: '#c41d7f',
  points: '#d4380d',
  other: '#595959',
};

const STATUS: Record<string, { key: MsgKey; color: string }> = {
  paid: { key: 'order.status.paid', color: 'green' },
  partially_refunded: { key: 'order.status.partially_refunded', color: 'orange' },
  refunded: { key: 'order.status.refunded', color: 'default' },
};

export function orderStatus(t: T, status: string): { label: string; color: string } {
  const s = STATUS[status];
  return s ? { label: t(s.key), color: s.color } : { label: status, color: 'default' };
}

const KIND: Record<string, MsgKey> = {
  product: 'lineKind.product',
  service: 'lineKind.service',
  fee: 'lineKind.fee',
  recharge: 'lineKind.recharge',
  custom: 'lineKind.custom',
  card: 'lineKind.card',
};

export function kindName(t: T, kind: string): string {
  const k = KIND[kind];
  return k ? t(k) : kind;
}
