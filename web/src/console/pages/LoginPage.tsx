// Sign-in. GET /auth/bootstrap says whether this server hosts several tenants (then the tenant
// code is asked, and the last one remembered) and whether nobody can sign in yet (empty database:
// the page explains how to create the first account).
import { LockOutlined, ReloadOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Result, Spin, Steps, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, NetworkError, api, apiSession, call } from '../../api/client';
import type { Bootstrap, Me } from '../../api/types';
import { type Locale, useLocale } from '../../i18n/locale';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { applyFieldIssues } from '../errors';
import { useT } from '../i18n';

const TENANT_KEY = 'tessera.tenantCode';

function rememberedTenant(): string {
  try {
    return window.localStorage.getItem(TENANT_KEY) ?? '';
  } catch {
    return '';
  }
}

interface LoginValues {
  tenantCode?: string;
  login: string;
  password: string;
}

export function AuthShell(props: { children: ReactNode; onLanguage?(locale: Locale): void }) {
  const t = useT();
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #eef4ff 0%, #f7f9fc 55%, #ffffff 100%)', display: 'flex', flexDirection: 'column' }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '16px 24px' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
          <span style={{ width: 30, height: 30, borderRadius: 8, background: '#1668dc', color: '#fff', display: 'grid', placeItems: 'center', fontWeight: 700 }}>T</span>
          <span style={{ fontSize: 18, fontWeight: 600 }}>Tessera</span>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <LanguageSwitch onChanged={props.onLanguage} />
      </header>
      <main style={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', padding: '6vh 16px 48px' }}>{props.children}</main>
    </div>
  );
}

export function LoginPage({ onSignedIn }: { onSignedIn(me: Me): void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<LoginValues>();
  const [boot, setBoot] = useState<Bootstrap | null>(null);
  const [bootFailed, setBootFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // A language picked here, before signing in, beats the one saved on the account.
  const chosenHere = useRef(false);

  const loadBootstrap = useCallback(async () => {
    setBootFailed(false);
    try {
      setBoot(await call(api.GET('/api/v1/auth/bootstrap')));
    } catch {
      setBootFailed(true);
    }
  }, []);

  useEffect(() => {
    void loadBootstrap();
  }, [loadBootstrap]);

  const askTenant = !!boot && boot.tenantCount > 1;

  async function submit(values: LoginValues) {
    setError(null);
    setSubmitting(true);
    try {
      const tenantCode = askTenant ? values.tenantCode?.trim() : undefined;
      let me = await call(api.POST('/api/v1/auth/login', { body: { login: values.login.trim(), password: values.password, ...(tenantCode ? { tenantCode } : {}) } }));
      if (tenantCode) {
        try {
          window.localStorage.setItem(TENANT_KEY, tenantCode);
        } catch {
          // not remembered
        }
      }
      apiSession.setCsrfToken(me.csrfToken);
      if (chosenHere.current && me.staff.locale !== locale) {
        me = await call(api.PATCH('/api/v1/auth/me', { body: { locale } })).catch(() => me);
      }
      onSignedIn(me);
    } catch (err) {
      if (err instanceof ApiError) {
        if (err.code === 'VALIDATION_FAILED') applyFieldIssues(form, err.fieldIssues);
        const until = (err.details as { lockedUntil?: string } | null)?.lockedUntil;
        setError(err.code === 'ACCOUNT_LOCKED' && until ? t('login.locked', { time: dayjs(until).format('YYYY-MM-DD HH:mm') }) : err.message);
      } else if (err instanceof NetworkError) {
        setError(t('error.network'));
      } else {
        setError(t('error.unexpected'));
      }
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setSubmitting(false);
    }
  }

  let body: ReactNode;
  if (bootFailed) {
    body = (
      <Result
        status="warning"
        title={t('app.unreachable')}
        subTitle={t('app.unreachable.hint')}
        extra={
          <Button type="primary" icon={<ReloadOutlined />} onClick={() => void loadBootstrap()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (!boot) {
    body = <Spin style={{ display: 'block', margin: 48 }} />;
  } else if (boot.needsInit) {
    body = <FirstStart command={boot.initCommand} onReload={() => void loadBootstrap()} />;
  } else {
    body = (
      <>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 24 }}>
          {boot.singleTenant ? boot.singleTenant.name : t('login.subtitle')}
        </Typography.Paragraph>
        <Form<LoginValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ tenantCode: rememberedTenant() }}
          onFinish={(v) => void submit(v)}
          onValuesChange={() => error && setError(null)}
          disabled={submitting}
        >
          {askTenant && (
            <Form.Item name="tenantCode" label={t('login.tenantCode')} rules={[{ required: true, whitespace: true, message: t('login.tenantCode.required') }]} extra={t('login.tenantCode.hint')}>
              <Input prefix={<ShopOutlined />} autoFocus={!rememberedTenant()} autoComplete="organization" size="large" />
            </Form.Item>
          )}
          <Form.Item name="login" label={t('login.login')} rules={[{ required: true, whitespace: true, message: t('login.login.required') }]}>
            <Input prefix={<UserOutlined />} autoFocus={!askTenant || !!rememberedTenant()} autoComplete="username" size="large" autoCapitalize="off" spellCheck={false} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.password.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </>
    );
  }

  return (
    <AuthShell onLanguage={() => (chosenHere.current = true)}>
      <Card style={{ width: boot?.needsInit ? 640 : 400, maxWidth: '100%', boxShadow: '0 8px 30px rgba(22, 104, 220, 0.08)' }} styles={{ body: { padding: 32 } }}>
        {body}
      </Card>
    </AuthShell>
  );
}

/** An empty database: nobody can sign in until the first tenant and owner are created on the server. */
function FirstStart({ command, onReload }: { command: string; onReload(): void }) {
  const t = useT();
  const code = { fontSize: 15, padding: '2px 8px' };
  return (
    <div data-testid="first-start">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('init.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('init.intro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        current={0}
        items={[
          {
            title: t('init.step1'),
            content: (
              <div style={{ paddingBottom: 8 }}>
                <Typography.Paragraph style={{ marginBottom: 8 }}>{t('init.step1.desc')}</Typography.Paragraph>
                <Typography.Text code copyable style={code}>
                  {command}
                </Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: '12px 0 8px' }}>
                  {t('init.demo')}
                </Typography.Paragraph>
                <Typography.Text code copyable style={code}>
                  npx tessera seed --demo
                </Typography.Text>
              </div>
            ),
          },
          { title: t('init.step2'), content: t('init.step2.desc') },
        ]}
      />
      <Button type="primary" icon={<ReloadOutlined />} onClick={onReload} autoFocus style={{ marginTop: 16 }}>
        {t('init.reload')}
      </Button>
    </div>
  );
}
