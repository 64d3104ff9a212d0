// Open a shift (开班) with the float counted into the drawer. Used on the shifts page and from
// the cashier screen when a sale is refused because no shift is open.
import { App, Form, Input, Modal } from 'antd';
import { useEffect, useRef } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import type { Shift } from '../../api/retail';
import { EnterSubmits } from '../components/EnterSubmits';
import { MoneyInput } from '../cashier/MoneyInput';
import { useApiError } from '../errors';
import { useT } from '../i18n';

export function OpenShiftModal(props: { open: boolean; storeId: string; storeName: string; onClose(): void; onOpened(shift: Shift): void }) {
  const t = useT();
  const [form] = Form.useForm<{ openingFloat: number | null; note?: string }>();
  const showError = useApiError();
  const { message } = App.useApp();
  // One key per opening attempt: a retry after a lost answer does not open twice.
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    if (props.open) {
      key.current = newIdempotencyKey();
      form.resetFields();
    }
  }, [props.open, form]);

  async function submit(v: { openingFloat: number | null; note?: string }) {
    try {
      const shift = await call(
        api.POST('/api/v1/shifts', {
          body: { storeId: props.storeId, openingFloat: v.openingFloat ?? 0, note: v.note?.trim() || null },
          headers: { 'Idempotency-Key': key.current },
        }),
      );
      message.success(t('shift.opened', { no: shift.shiftNo }));
      props.onOpened(shift);
    } catch (err) {
      showError(err, form);
    }
  }

  return (
    <Modal
      open={props.open}
      title={t('shift.open.title', { store: props.storeName })}
      okText={t('shift.open.submit')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={420}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ openingFloat: null }}>
        <Form.Item
          name="openingFloat"
          label={t('shift.float')}
          extra={t('shift.float.hint')}
          rules={[{ required: true, message: t('shift.float.required') }, { validator: (_, v) => (v === null || v >= 0 ? Promise.resolve() : Promise.reject(new Error(t('money.invalid')))) }]}
        >
          <MoneyInput autoFocus size="large" aria-label={t('shift.float')} />
        </Form.Item>
        <Form.Item name="note" label={t('shift.note')}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
