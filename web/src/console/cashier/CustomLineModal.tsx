// A line that is not in the catalogue (a one-off service, a charge agreed at the desk), for
// staff holding order.customPrice.
import { Form, Input, InputNumber, Modal } from 'antd';
import { EnterSubmits } from '../components/EnterSubmits';
import { useT } from '../i18n';
import { MoneyInput } from './MoneyInput';

export interface CustomLineValues {
  name: string;
  price: number;
  quantity: number;
}

export function CustomLineModal(props: { open: boolean; onClose(): void; onAdd(v: CustomLineValues): void }) {
  const t = useT();
  const [form] = Form.useForm<CustomLineValues>();
  return (
    <Modal open={props.open} title={t('cashier.custom.title')} onOk={() => form.submit()} onCancel={props.onClose} okText={t('cashier.custom.add')} destroyOnHidden width={420}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1 }}
        onFinish={(v) => {
          props.onAdd(v);
          form.resetFields();
        }}
      >
        <Form.Item name="name" label={t('cashier.custom.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoFocus maxLength={100} />
        </Form.Item>
        <Form.Item name="price" label={t('cashier.custom.price')} rules={[{ required: true, message: t('form.required') }]}>
          <MoneyInput />
        </Form.Item>
        <Form.Item name="quantity" label={t('cashier.cart.qty')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={1} max={9999} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
