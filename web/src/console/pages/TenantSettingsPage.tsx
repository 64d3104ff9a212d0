// Tenant settings (org.manage): the brand's name, time zone (business dates are in it) and the
// default language for new staff and member messages.
import { App, Button, Card, Descriptions, Form, Input, Radio, Select, Skeleton } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { Tenant } from '../../api/types';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';

interface Values {
  name: string;
  timeZone: string;
  locale: 'zh-CN' | 'en';
}

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

export default function TenantSettingsPage() {
  const t = useT();
  const session = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [tenant, setTenant] = useState<Tenant | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    call(api.GET('/api/v1/tenant')).then(setTenant).catch(showError);
  }, [showError]);

  const zones = useMemo(() => (tenant ? timeZones(tenant.timeZone).map((z) => ({ value: z, label: z })) : []), [tenant]);

  async function save(v: Values) {
    if (!tenant) return;
    setSaving(true);
    try {
      const body = {
        ...(v.name.trim() !== tenant.name ? { name: v.name.trim() } : {}),
        ...(v.timeZone !== tenant.timeZone ? { timeZone: v.timeZone } : {}),
        ...(v.locale !== tenant.locale ? { locale: v.locale } : {}),
      };
      const saved = Object.keys(body).length ? await call(api.PATCH('/api/v1/tenant', { body })) : tenant;
      setTenant(saved);
      message.success(t('common.saved'));
      // The header shows the tenant's name.
      await session.reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title={t('nav.tenant')} style={{ maxWidth: 720 }}>
      {!tenant ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            size="small"
            column={2}
            style={{ marginBottom: 24 }}
            items={[
              { key: 'code', label: t('tenant.code'), children: tenant.code },
              { key: 'currency', label: t('tenant.currency'), children: tenant.currency },
            ]}
          />
          <Form<Values> form={form} layout="vertical" initialValues={{ name: tenant.name, timeZone: tenant.timeZone, locale: tenant.locale === 'en' ? 'en' : 'zh-CN' }} onFinish={(v) => void save(v)}>
            <Form.Item name="name" label={t('tenant.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100 }]}>
              <Input autoFocus maxLength={100} />
            </Form.Item>
            <Form.Item name="timeZone" label={t('tenant.timeZone')} extra={t('tenant.timeZone.hint')} rules={[{ required: true, message: t('form.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={zones} />
            </Form.Item>
            <Form.Item name="locale" label={t('tenant.locale')} extra={t('tenant.locale.hint')}>
              <Radio.Group
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
            <EnterSubmits />
          </Form>
        </>
      )}
    </Card>
  );
}
