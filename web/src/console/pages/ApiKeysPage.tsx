// API keys for integrations (apikey.manage): list, create with permissions, scope and expiry (the
// token is shown once), revoke.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { ApiKey, PermissionCatalogue, Region, ScopeType } from '../../api/types';
import { EnterSubmits } from '../components/EnterSubmits';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { PermissionPicker } from '../components/PermissionPicker';
import { ScopeFields, type StoreOption, scopeLabel, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { type T, useT } from '../i18n';
import { useSession } from '../session';

interface Values {
  name: string;
  permissions: string[];
  scopeType: ScopeType;
  scopeRegionId?: string | null;
  storeIds?: string[];
  expiresAt?: Dayjs | null;
}

function keyStatus(t: T, k: ApiKey) {
  if (k.revokedAt) return <Tag>{t('apiKeys.revoked')}</Tag>;
  if (k.expiresAt && dayjs(k.expiresAt).isBefore(dayjs())) return <Tag color="orange">{t('apiKeys.expired')}</Tag>;
  return <Tag color="green">{t('apiKeys.valid')}</Tag>;
}

export default function ApiKeysPage() {
  const t = useT();
  const { me, can } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const org = useOrgOptions();
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [catalogue, setCatalogue] = useState<PermissionCatalogue | null>(null);
  const [loading, setLoading] = useState(true);
  const [creating, setCreating] = useState(false);
  const [token, setToken] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setKeys((await call(api.GET('/api/v1/api-keys'))).items);
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [showError]);

  useEffect(() => {
    void load();
    // The catalogue needs staff.read; without it the picker lists the caller's own permissions.
    if (can('staff.read')) {
      call(api.GET('/api/v1/permissions'))
        .then(setCatalogue)
        .catch(() => setCatalogue(null));
    }
  }, [load, can]);

  const picker = useMemo<PermissionCatalogue>(
    () =>
      catalogue ?? {
        groups: [{ key: 'mine', label: t('apiKeys.myPermissions') }],
        items: me.permissions.filter((p) => p !== '*').map((code) => ({ code, group: 'mine', label: code, sensitive: false })),
      },
    [catalogue, me.permissions, t],
  );
  const labelOf = useMemo(() => new Map(picker.items.map((i) => [i.code, i.label])), [picker]);

  async function revoke(k: ApiKey) {
    try {
      await call(api.POST('/api/v1/api-keys/{apiKeyId}/revoke', { params: { path: { apiKeyId: k.id } } }));
      message.success(t('apiKeys.revokedMsg', { name: k.name }));
      await load();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card
      title={t('nav.apiKeys')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('apiKeys.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('apiKeys.intro')}</Typography.Paragraph>
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={keys}
        pagination={false}
        scroll={{ x: 980 }}
        columns={[
          { title: t('apiKeys.name'), dataIndex: 'name', width: 180 },
          {
            title: t('apiKeys.permissions'),
            key: 'permissions',
            render: (_: unknown, k: ApiKey) => (
              <Tooltip title={k.permissions.map((p) => labelOf.get(p) ?? p).join(t('common.listSep'))}>
                <span>{t('apiKeys.permissionCount', { count: k.permissions.length })}</span>
              </Tooltip>
            ),
          },
          { title: t('scope.label'), key: 'scope', width: 110, render: (_: unknown, k: ApiKey) => scopeLabel(t, k.scopeType) },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
          { title: t('apiKeys.expiresAt'), dataIndex: 'expiresAt', width: 150, render: (v: string | null) => (v ? formatTime(v) : t('apiKeys.never')) },
          { title: t('apiKeys.lastUsed'), dataIndex: 'lastUsedAt', width: 150, render: (v: string | null) => formatTime(v) },
          { title: t('common.status'), key: 'status', width: 90, render: (_: unknown, k: ApiKey) => keyStatus(t, k) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, k: ApiKey) =>
              !k.revokedAt && (
                <Popconfirm title={t('apiKeys.revoke.confirm', { name: k.name })} description={t('apiKeys.revoke.hint')} onConfirm={() => revoke(k)}>
                  <Button type="link" size="small" danger>
                    {t('apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <ApiKeyModal
          catalogue={picker}
          stores={org.stores}
          regions={org.regions}
          onClose={() => setCreating(false)}
          onCreated={(secret) => {
            setCreating(false);
            setToken(secret);
            void load();
          }}
        />
      )}
      <OneTimeSecret open={!!token} title={t('apiKeys.created')} hint={t('apiKeys.tokenHint')} secret={token} onClose={() => setToken(null)} />
    </Card>
  );
}

function ApiKeyModal(props: { catalogue: PermissionCatalogue; stores: StoreOption[]; regions: Region[]; onClose(): void; onCreated(token: string): void }) {
  const t = useT();
  const { me } = useSession();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const grantable = useMemo(() => (me.permissions.includes('*') ? undefined : new Set(me.permissions)), [me.permissions]);

  async function save(v: Values) {
    setSaving(true);
    try {
      const r = await call(
        api.POST('/api/v1/api-keys', {
          body: {
            name: v.name.trim(),
            permissions: v.permissions,
            scopeType: v.scopeType,
            scopeRegionId: v.scopeType === 'region' ? (v.scopeRegionId ?? null) : null,
            storeIds: v.scopeType === 'stores' ? (v.storeIds ?? []) : [],
            expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
          },
        }),
      );
      props.onCreated(r.token);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('apiKeys.new')}
      okText={t('apiKeys.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={820}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ scopeType: me.staff.scopeType === 'all' ? 'all' : 'stores', permissions: [], storeIds: [] }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="name" label={t('apiKeys.name')} extra={t('apiKeys.name.hint')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
          <Input autoFocus maxLength={50} />
        </Form.Item>
        <Form.Item name="permissions" label={t('apiKeys.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissions.required') }]}>
          <PermissionPicker catalogue={props.catalogue} grantable={grantable} />
        </Form.Item>
        <ScopeFields stores={props.stores} regions={props.regions} storesAlways={false} storesLabel="scope.storesPick" allowAll={me.staff.scopeType === 'all'} />
        <Form.Item name="expiresAt" label={t('apiKeys.expiresAt')} extra={t('apiKeys.expiresAt.hint')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: 220 }} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
