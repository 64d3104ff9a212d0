// My account: name and language, password change, and what I may do where.
import { App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Tag } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { type Locale, useLocale } from '../../i18n/locale';
import { confirmPasswordRules, newPasswordRules } from '../components/password-rules';
import { scopeLabel } from '../components/org-options';
import { useApiError } from '../errors';
import { roleName } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';

export default function AccountPage() {
  const t = useT();
  const session = useSession();
  const { me } = session;
  const { setLocale } = useLocale();
  const showError = useApiError();
  const { message } = App.useApp();
  const [profile] = Form.useForm<{ name: string; locale: Locale }>();
  const [password] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const [savingProfile, setSavingProfile] = useState(false);
  const [savingPassword, setSavingPassword] = useState(false);

  async function saveProfile(v: { name: string; locale: Locale }) {
    setSavingProfile(true);
    try {
      const next = await call(api.PATCH('/api/v1/auth/me', { body: { name: v.name.trim(), locale: v.locale } }));
      setLocale(v.locale);
      session.update(next);
      message.success(t('common.saved'));
    } catch (err) {
      showError(err, profile);
    } finally {
      setSavingProfile(false);
    }
  }

  async function changePassword(v: { currentPassword: string; newPassword: string }) {
    setSavingPassword(true);
    try {
      await call(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      password.resetFields();
      message.success(t('account.passwordChanged'));
    } catch (err) {
      showError(err, password);
    } finally {
      setSavingPassword(false);
    }
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t('account.profile')}>
          <Form
            form={profile}
            layout="vertical"
            initialValues={{ name: me.staff.name, locale: me.staff.locale === 'en' ? 'en' : 'zh-CN' }}
            onFinish={(v) => void saveProfile(v)}
          >
            <Form.Item label={t('staff.login')}>
              <Input value={me.staff.login} disabled />
            </Form.Item>
            <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
              <Input autoFocus maxLength={50} />
            </Form.Item>
            <Form.Item name="locale" label={t('account.language')}>
              <Radio.Group
                options={[
                  { value: 'zh-CN', label: '简体中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={savingProfile}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('account.password')}>
          <Form form={password} layout="vertical" onFinish={(v) => void changePassword(v)}>
            <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.current.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('password.new')} rules={newPasswordRules(t)} extra={t('password.policy')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="confirm" label={t('password.confirm')} dependencies={['newPassword']} rules={confirmPasswordRules(t)}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={savingPassword}>
              {t('account.changePassword')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('account.access')}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'tenant', label: t('tenant.name'), children: t('common.nameCode', { name: me.tenant.name, code: me.tenant.code }) },
              {
                key: 'roles',
                label: t('staff.roles'),
                children: me.roles.map((r) => (
                  <Tag key={r.id} color="blue">
                    {roleName(t, r)}
                  </Tag>
                )),
              },
              { key: 'scope', label: t('scope.label'), children: scopeLabel(t, me.staff.scopeType) },
              { key: 'stores', label: t('account.stores'), children: me.stores.map((s) => s.name).join(t('common.listSep')) || '—' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
