// Roles (staff.read to look, role.manage to change): built-in roles are read-only and show what
// they hold; custom roles are made from permission checkboxes grouped like the catalogue.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Form, Input, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { PermissionCatalogue, Role } from '../../api/types';
import { EnterSubmits } from '../components/EnterSubmits';
import { PermissionList, PermissionPicker } from '../components/PermissionPicker';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';

interface Values {
  name: string;
  description?: string;
  permissions: string[];
}

export default function RolesPage() {
  const t = useT();
  const { me, can } = useSession();
  const manage = can('role.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const [roles, setRoles] = useState<Role[]>([]);
  const [catalogue, setCatalogue] = useState<PermissionCatalogue | null>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<Role | 'new' | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [r, c] = await Promise.all([call(api.GET('/api/v1/roles')), call(api.GET('/api/v1/permissions'))]);
      setRoles(r.items);
      setCatalogue(c);
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [showError]);

  useEffect(() => {
    void load();
  }, [load]);

  async function remove(role: Role) {
    try {
      await call(api.DELETE('/api/v1/roles/{roleId}', { params: { path: { roleId: role.id } } }));
      message.success(t('roles.deleted', { name: role.name }));
      await load();
    } catch (err) {
      showError(err);
    }
  }

  const granted = useMemo(() => (me.permissions.includes('*') ? undefined : new Set(me.permissions)), [me.permissions]);

  return (
    <Card
      title={t('nav.roles')}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')} disabled={!catalogue}>
            {t('roles.new')}
          </Button>
        )
      }
    >
      <Table<Role>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={roles}
        pagination={false}
        scroll={{ x: 800 }}
        columns={[
          {
            title: t('roles.name'),
            key: 'name',
            width: 200,
            render: (_: unknown, r: Role) => (
              <Space size={6}>
                <Typography.Text strong>{r.name}</Typography.Text>
                {r.builtinKey ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag color="purple">{t('roles.custom')}</Tag>}
              </Space>
            ),
          },
          { title: t('roles.description'), dataIndex: 'description', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('roles.permissionCount'), key: 'count', width: 110, align: 'right', render: (_: unknown, r: Role) => r.permissions.length },
          { title: t('roles.staffCount'), dataIndex: 'staffCount', width: 110, align: 'right' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 170,
            render: (_: unknown, r: Role) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setOpen(r)}>
                  {r.isEditable && manage ? t('common.edit') : t('common.view')}
                </Button>
                {r.isEditable && manage && (
                  <Popconfirm
                    title={t('roles.delete.confirm', { name: r.name })}
                    description={r.staffCount > 0 ? t('roles.delete.inUse', { count: r.staffCount }) : undefined}
                    onConfirm={() => remove(r)}
                  >
                    <Button type="link" size="small" danger>
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open && catalogue && (
        <RoleDrawer
          role={open === 'new' ? null : open}
          catalogue={catalogue}
          editable={manage && (open === 'new' || open.isEditable)}
          grantable={granted}
          onClose={() => setOpen(null)}
          onSaved={(r) => {
            message.success(open === 'new' ? t('roles.created', { name: r.name }) : t('common.saved'));
            setOpen(null);
            void load();
          }}
        />
      )}
      {loading && !catalogue && <Spin />}
    </Card>
  );
}

function RoleDrawer(props: {
  role: Role | null;
  catalogue: PermissionCatalogue;
  editable: boolean;
  grantable: ReadonlySet<string> | undefined;
  onClose(): void;
  onSaved(role: Role): void;
}) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const r = props.role;

  async function save(v: Values) {
    setSaving(true);
    try {
      const body = { name: v.name.trim(), description: v.description?.trim() ? v.description.trim() : null, permissions: v.permissions ?? [] };
      const saved = r
        ? await call(api.PATCH('/api/v1/roles/{roleId}', { params: { path: { roleId: r.id } }, body }))
        : await call(api.POST('/api/v1/roles', { body }));
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const title = !r ? t('roles.new') : props.editable ? t('roles.edit', { name: r.name }) : r.name;
  return (
    <Drawer
      open
      size={760}
      title={title}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        props.editable && (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {props.editable ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ name: r?.name ?? '', description: r?.description ?? '', permissions: r?.permissions ?? [] }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 30 }]}>
            <Input autoFocus maxLength={30} />
          </Form.Item>
          <Form.Item name="description" label={t('roles.description')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="permissions"
            label={t('roles.permissions')}
            extra={t('roles.permissions.hint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissions.required') }]}
          >
            <PermissionPicker catalogue={props.catalogue} grantable={props.grantable} />
          </Form.Item>
          <EnterSubmits />
        </Form>
      ) : (
        <>
          {r?.description && <Typography.Paragraph type="secondary">{r.description}</Typography.Paragraph>}
          {r?.builtinKey && <Typography.Paragraph type="secondary">{t('roles.builtin.hint')}</Typography.Paragraph>}
          <PermissionList catalogue={props.catalogue} codes={r?.permissions ?? []} />
        </>
      )}
    </Drawer>
  );
}
