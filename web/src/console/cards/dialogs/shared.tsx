// What the card dialogs share: their props, how a fee or difference is paid (one tender of the
// whole amount), and the waiver a manager may give instead (card.adjust).
import { Checkbox, Form, Radio } from 'antd';
import { yuan } from '../../cashier/money';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import type { CardTender, MemberCard } from '../types';

export type CardAction = 'freeze' | 'transfer' | 'upgrade' | 'adjust' | 'cancel' | 'refund' | 'family';

export interface DialogProps {
  card: MemberCard;
  onClose(): void;
  onDone(card: MemberCard, message: string): void;
}

export const METHODS = ['cash', 'wechat', 'alipay', 'bank_card', 'stored_value'] as const;
export type Method = (typeof METHODS)[number];

/** How a fee or difference is paid: one tender of the whole amount. */
export function PayMethod(props: { amount: number; value: Method; onChange(m: Method): void }) {
  const t = useT();
  if (props.amount <= 0) return null;
  return (
    <Form.Item label={t('cards.pay.method', { amount: yuan(props.amount) })}>
      <Radio.Group value={props.value} onChange={(e) => props.onChange(e.target.value as Method)} optionType="button" options={METHODS.map((m) => ({ value: m, label: t(`tender.${m}`) }))} />
    </Form.Item>
  );
}

export function payment(storeId: string | undefined, amount: number, method: Method): { storeId?: string; tenders?: CardTender[] } {
  return amount > 0 && storeId ? { storeId, tenders: [{ method, amount }] } : {};
}

/** The fee waiver, offered to staff who may adjust cards when there is a fee to waive. */
export function WaiveFee(props: { fee: number; value: boolean; onChange(v: boolean): void }) {
  const t = useT();
  const { can } = useSession();
  if (props.fee <= 0 || !can('card.adjust')) return null;
  return (
    <Form.Item style={{ marginBottom: 8 }}>
      <Checkbox checked={props.value} onChange={(e) => props.onChange(e.target.checked)} data-testid="waive-fee">
        {t('cards.waiveFee', { fee: yuan(props.fee) })}
      </Checkbox>
    </Form.Item>
  );
}
