// Card reminders and training-school rules (card.settings): reminder offsets before expiry, the
// low-sessions threshold, the "expiring" window, and whether sales warn about prepaying more
// than N months or N class hours; extra terms printed after every card's own.
import { App, Button, Form, Input, InputNumber, Select, Space, Spin, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { BodyOf } from '../../api/types';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';

type Settings = BodyOf<'/api/v1/card-settings', 'put'>;

export function CardSettingsTab() {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const school = Form.useWatch('isTrainingSchool', form);
  const writable = can('card.settings');

  useEffect(() => {
    call(api.GET('/api/v1/card-settings'))
      .then((s) => {
        form.setFieldsValue(s);
        setLoaded(true);
      })
      .catch(showError);
  }, []);

  async function save() {
    const v = form.getFieldsValue(true) as Settings;
    setSaving(true);
    try {
      form.setFieldsValue(await call(api.PUT('/api/v1/card-settings', { body: { ...v, refundTermsText: v.refundTermsText?.trim() || null } })));
      message.success(t('cards.settings.saved'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <Spin style={{ display: 'block', margin: 24 }} />;
  return (
    <Form form={form} layout="vertical" onFinish={save} disabled={!writable} style={{ maxWidth: 720 }} data-testid="card-settings">
      <Form.Item
        name="expiryReminderDays"
        label={t('cards.settings.reminders')}
        extra={t('cards.settings.remindersHint')}
        normalize={(v: (string | number)[]) => [...new Set(v.map(Number).filter((n) => Number.isInteger(n) && n >= 0 && n <= 365))]}
      >
        <Select mode="tags" tokenSeparators={[',', ' ', ',']} style={{ width: 320 }} open={false} />
      </Form.Item>
      <Space size={24} wrap>
        <Form.Item name="lowSessionsThreshold" label={t('cards.settings.lowSessions')}>
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item name="expiringWithinDays" label={t('cards.settings.expiringWithin')}>
          <InputNumber min={0} max={365} />
        </Form.Item>
      </Space>
      <Form.Item name="isTrainingSchool" valuePropName="checked" label={t('cards.settings.school')} extra={t('cards.settings.schoolHint')}>
        <Switch />
      </Form.Item>
      {school && (
        <Space size={24} wrap>
          <Form.Item name="prepayMaxMonths" label={t('cards.settings.maxMonths')} rules={[{ required: true, message: t('cards.required') }]}>
            <InputNumber min={1} max={120} />
          </Form.Item>
          <Form.Item name="prepayMaxHours" label={t('cards.settings.maxHours')} rules={[{ required: true, message: t('cards.required') }]}>
            <InputNumber min={1} max={10000} />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="refundTermsText" label={t('cards.settings.terms')} extra={t('cards.settings.termsHint')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      {writable && (
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('common.save')}
        </Button>
      )}
    </Form>
  );
}
