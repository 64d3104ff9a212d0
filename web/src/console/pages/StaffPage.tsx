// Staff accounts (staff.read to look, staff.manage to change): filter by status and store, page
// with cursors, create (a one-time password is shown once), edit, disable/enable, reset password.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { Role, Staff } from '../../api/types';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { OneTimeSecret } from '../components/OneTimeSecret';
import { scopeLabel, storeOptions, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { formatTime, roleName } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';
import { StaffModal } from './StaffModal';

const PAGE_SIZE = 20;

interface Secret {
  title: string;
  hint: string;
  secret: string;
}

export default function StaffPage() {
  const t = useT();
  const { me, can } = useSession();
  const manage = can('staff.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const org = useOrgOptions();
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>('active');
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const [roles, setRoles] = useState<Role[]>([]);
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  const list = useCursorList(
    (cursor) => call(api.GET('/api/v1/staff', { params: { query: { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(storeId ? { storeId } : {}), ...(cursor ? { cursor } : {}) } } })),
    [status, storeId],
  );

  const loadRoles = useCallback(async () => {
    try {
      setRoles((await call(api.GET('/api/v1/roles'))).items);
    } catch (err) {
      showError(err);
    }
  }, [showError]);

  useEffect(() => {
    void loadRoles();
  }, [loadRoles]);

  const storeName = useMemo(() => new Map(org.stores.map((s) => [s.id, s.name])), [org.stores]);
  const regionName = useMemo(() => new Map(org.regions.map((r) => [r.id, r.name])), [org.regions]);

  async function setActive(s: Staff, active: boolean) {
    try {
      await call(api.PATCH('/api/v1/staff/{staffId}', { params: { path: { staffId: s.id } }, body: { status: active ? 'active' : 'disabled' } }));
      message.success(active ? t('staff.enabled', { name: s.name }) : t('staff.disabled', { name: s.name }));
      list.reload();
    } catch (err) {
      showError(err);
    }
  }

  async function resetPassword(s: Staff) {
    try {
      const r = await call(api.POST('/api/v1/staff/{staffId}/password-reset', { params: { path: { staffId: s.id } } }));
      setSecret({ title: t('staff.resetDone'), hint: t('staff.secretHint', { name: s.name, login: s.login }), secret: r.temporaryPassword });
      list.reload();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card title={t('nav.staff')}>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Select
            aria-label={t('common.status')}
            style={{ width: 140 }}
            value={status ?? 'all'}
            onChange={(v: string) => setStatus(v === 'all' ? undefined : (v as 'active' | 'disabled'))}
            options={[
              { value: 'all', label: t('staff.status.all') },
              { value: 'active', label: t('staff.status.active') },
              { value: 'disabled', label: t('staff.status.disabled') },
            ]}
          />
          <Select
            aria-label={t('staff.filterStore')}
            placeholder={t('staff.filterStore')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={storeId}
            onChange={(v: string | undefined) => setStoreId(v)}
            options={storeOptions(t, org.stores)}
          />
        </Space>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('staff.new')}
          </Button>
        )}
      </Space>
      <Table<Staff>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        columns={[
          {
            title: t('staff.name'),
            key: 'name',
            width: 170,
            render: (_: unknown, s: Staff) => (
              <div>
                <Typography.Text strong>{s.name}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.login}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('staff.mobile'), dataIndex: 'mobile', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: t('staff.roles'),
            key: 'roles',
            render: (_: unknown, s: Staff) => (
              <Space size={[4, 4]} wrap>
                {s.roles.map((r) => (
                  <Tag key={r.id} color={r.builtinKey ? 'blue' : 'purple'}>
                    {roleName(t, r)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('scope.label'),
            key: 'scope',
            width: 130,
            render: (_: unknown, s: Staff) =>
              s.scopeType === 'region' ? t('scope.regionIs', { name: (s.scopeRegionId && regionName.get(s.scopeRegionId)) || '—' }) : scopeLabel(t, s.scopeType),
          },
          {
            title: t('staff.stores'),
            key: 'stores',
            ellipsis: true,
            render: (_: unknown, s: Staff) => s.storeIds.map((id) => storeName.get(id) ?? id).join(t('common.listSep')) || '—',
          },
          {
            title: t('common.status'),
            key: 'status',
            width: 130,
            render: (_: unknown, s: Staff) => (
              <Space size={[4, 4]} wrap>
                {s.status === 'active' ? <Tag color="green">{t('staff.status.active')}</Tag> : <Tag>{t('staff.status.disabled')}</Tag>}
                {s.isLocked && <Tag color="orange">{t('staff.locked')}</Tag>}
                {s.mustChangePassword && (
                  <Tooltip title={t('staff.mustChange.hint')}>
                    <Tag color="gold">{t('staff.mustChange')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          { title: t('staff.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => formatTime(v) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 210,
                  fixed: 'right' as const,
                  render: (_: unknown, s: Staff) => (
                    <Space size={0} wrap>
                      <Button type="link" size="small" onClick={() => setEditing(s)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('staff.reset.confirm', { name: s.name })} description={t('staff.reset.hint')} onConfirm={() => resetPassword(s)}>
                        <Button type="link" size="small">
                          {t('staff.reset')}
                        </Button>
                      </Popconfirm>
                      {s.id !== me.staff.id &&
                        (s.status === 'active' ? (
                          <Popconfirm title={t('staff.disable.confirm', { name: s.name })} description={t('staff.disable.hint')} onConfirm={() => setActive(s, false)}>
                            <Button type="link" size="small" danger>
                              {t('staff.disable')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button type="link" size="small" onClick={() => void setActive(s, true)}>
                            {t('staff.enable')}
                          </Button>
                        ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <CursorPagination list={list} />
      {editing && (
        <StaffModal
          staff={editing === 'new' ? null : editing}
          roles={roles}
          stores={org.stores}
          regions={org.regions}
          onClose={() => setEditing(null)}
          onSaved={(saved, temporaryPassword) => {
            setEditing(null);
            if (temporaryPassword) {
              setSecret({ title: t('staff.created'), hint: t('staff.secretHint', { name: saved.name, login: saved.login }), secret: temporaryPassword });
              list.reset();
            } else {
              message.success(t('common.saved'));
              list.reload();
            }
          }}
        />
      )}
      <OneTimeSecret open={!!secret} title={secret?.title ?? ''} hint={secret?.hint} secret={secret?.secret ?? null} onClose={() => setSecret(null)} />
    </Card>
  );
}
