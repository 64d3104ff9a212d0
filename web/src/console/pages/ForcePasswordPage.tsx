// First sign-in with a one-time password: the staff member sets their own before anything else.
import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { confirmPasswordRules, newPasswordRules } from '../components/password-rules';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { AuthShell } from './LoginPage';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ForcePasswordPage() {
  const t = useT();
  const session = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  async function submit(v: Values) {
    setSaving(true);
    try {
      await call(api.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      message.success(t('password.changed'));
      await session.reload();
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <AuthShell
      onLanguage={(locale) => {
        call(api.PATCH('/api/v1/auth/me', { body: { locale } }))
          .then(session.update)
          .catch(showError);
      }}
    >
      <Card style={{ width: 440, maxWidth: '100%' }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('forcePassword.title')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('forcePassword.intro', { name: session.me.staff.name })} style={{ marginBottom: 24 }} />
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} disabled={saving}>
          <Form.Item name="currentPassword" label={t('forcePassword.current')} rules={[{ required: true, message: t('forcePassword.current.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoFocus autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} rules={newPasswordRules(t)} extra={t('password.policy')}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirm" label={t('password.confirm')} dependencies={['newPassword']} rules={confirmPasswordRules(t)}>
            <Input.Password prefix={<LockOutlined />} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={saving}>
            {t('forcePassword.submit')}
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 12 }} onClick={() => void session.signOut().catch(showError)}>
          {t('user.signOut')}
        </Button>
      </Card>
    </AuthShell>
  );
}
