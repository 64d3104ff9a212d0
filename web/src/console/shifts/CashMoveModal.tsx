// Cash put into or taken out of the drawer during a shift, always with a reason.
import { App, Form, Input, Modal } from 'antd';
import { useEffect, useRef } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import type { Shift } from '../../api/retail';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';

export function CashMoveModal(props: { shift: Shift; kind: 'in' | 'out' | null; onClose(): void; onDone(shift: Shift): void }) {
  const t = useT();
  const [form] = Form.useForm<{ amount: number | null; reason: string }>();
  const showError = useApiError();
  const { message } = App.useApp();
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    if (props.kind) {
      key.current = newIdempotencyKey();
      form.resetFields();
    }
  }, [props.kind, form]);

  async function submit(v: { amount: number | null; reason: string }) {
    if (!props.kind || !v.amount) return;
    try {
      const next = await call(
        api.POST('/api/v1/shifts/{shiftId}/cash-moves', {
          params: { path: { shiftId: props.shift.id } },
          body: { kind: props.kind, amount: v.amount, reason: v.reason.trim() },
          headers: { 'Idempotency-Key': key.current },
        }),
      );
      message.success(props.kind === 'in' ? t('shift.cashIn.done', { amount: yuan(v.amount) }) : t('shift.cashOut.done', { amount: yuan(v.amount) }));
      props.onDone(next);
    } catch (err) {
      showError(err, form);
    }
  }

  const cash = props.shift.totals.methods.find((m) => m.method === 'cash')?.expected ?? 0;
  return (
    <Modal
      open={!!props.kind}
      title={props.kind === 'in' ? t('shift.cashIn.title') : t('shift.cashOut.title')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      okText={t('common.save')}
      destroyOnHidden
      width={420}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="amount"
          label={t('shift.amount')}
          extra={t('shift.inDrawer', { amount: yuan(cash) })}
          rules={[{ required: true, message: t('form.required') }, { validator: (_, v) => (v === null || v === undefined || v > 0 ? Promise.resolve() : Promise.reject(new Error(t('money.positive')))) }]}
        >
          <MoneyInput autoFocus size="large" />
        </Form.Item>
        <Form.Item name="reason" label={t('shift.reason')} rules={[{ required: true, whitespace: true, message: t('shift.reason.required') }]}>
          <Input maxLength={200} placeholder={props.kind === 'in' ? t('shift.cashIn.placeholder') : t('shift.cashOut.placeholder')} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
