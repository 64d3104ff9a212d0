// The audit log (audit.read): who changed what, when, from where — filterable by action, entity
// type, actor and date, paged with cursors, each row expanding into a before/after comparison.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { formatTime } from '../format';
import { type MsgKey, type T, useT } from '../i18n';
import { useSession } from '../session';
import { AuditDiff } from './AuditDiff';

const PAGE_SIZE = 30;

const ACTION_LABELS: Record<string, MsgKey> = {
  'auth.login': 'audit.action.auth.login',
  'auth.logout': 'audit.action.auth.logout',
  'auth.login_failed': 'audit.action.auth.login_failed',
  'auth.locked': 'audit.action.auth.locked',
  'staff.create': 'audit.action.staff.create',
  'staff.update': 'audit.action.staff.update',
  'staff.disable': 'audit.action.staff.disable',
  'staff.update_self': 'audit.action.staff.update_self',
  'staff.password_change': 'audit.action.staff.password_change',
  'staff.password_reset': 'audit.action.staff.password_reset',
  'role.create': 'audit.action.role.create',
  'role.update': 'audit.action.role.update',
  'role.delete': 'audit.action.role.delete',
  'store.create': 'audit.action.store.create',
  'store.update': 'audit.action.store.update',
  'region.create': 'audit.action.region.create',
  'region.update': 'audit.action.region.update',
  'tenant.update': 'audit.action.tenant.update',
  'apikey.create': 'audit.action.apikey.create',
  'apikey.revoke': 'audit.action.apikey.revoke',
};

const ENTITY_LABELS: Record<string, MsgKey> = {
  staff: 'audit.entity.staff',
  store: 'audit.entity.store',
  region: 'audit.entity.region',
  role: 'audit.entity.role',
  apiKey: 'audit.entity.apiKey',
  tenant: 'audit.entity.tenant',
  member: 'audit.entity.member',
  order: 'audit.entity.order',
};

export function actionLabel(t: T, code: string): string {
  const key = ACTION_LABELS[code];
  return key ? t(key) : code;
}

function entityLabel(t: T, type: string): string {
  const key = ENTITY_LABELS[type];
  return key ? t(key) : type;
}

interface Filters {
  action?: string;
  entityType?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  entityId?: string;
}

export default function AuditLogPage() {
  const t = useT();
  const { me, can } = useSession();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [actions, setActions] = useState<string[]>([]);
  const [actors, setActors] = useState<{ value: string; label: string }[]>([]);

  useEffect(() => {
    call(api.GET('/api/v1/audit-logs/actions'))
      .then((r) => setActions(r.items))
      .catch(() => undefined);
    if (can('staff.read')) {
      call(api.GET('/api/v1/staff', { params: { query: { limit: 200 } } }))
        .then((r) => setActors(r.items.map((s) => ({ value: s.id, label: t('common.nameCode', { name: s.name, code: s.login }) }))))
        .catch(() => undefined);
    }
  }, [can, t]);

  const query = useMemo(() => {
    const [from, to] = filters.range ?? [null, null];
    return {
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.entityType ? { entityType: filters.entityType } : {}),
      ...(filters.entityId?.trim() ? { entityId: filters.entityId.trim() } : {}),
      ...(filters.actorId ? { actorId: filters.actorId } : {}),
      ...(from ? { from: from.startOf('day').toISOString() } : {}),
      ...(to ? { to: to.endOf('day').toISOString() } : {}),
    };
  }, [filters]);

  const list = useCursorList(
    (cursor) => call(api.GET('/api/v1/audit-logs', { params: { query: { ...query, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) } } })),
    [query],
  );

  const storeName = useMemo(() => new Map(me.stores.map((s) => [s.id, s.name])), [me.stores]);
  const entityTypes = Object.keys(ENTITY_LABELS);

  return (
    <Card title={t('nav.audit')}>
      <Form<Filters> form={form} layout="inline" onFinish={(v) => setFilters(v)} style={{ rowGap: 12, marginBottom: 16 }}>
        <Form.Item name="action" label={t('audit.action')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            placeholder={t('common.all')}
            options={actions.map((a) => ({ value: a, label: actionLabel(t, a) }))}
          />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Select allowClear style={{ width: 150 }} placeholder={t('common.all')} options={entityTypes.map((e) => ({ value: e, label: entityLabel(t, e) }))} />
        </Form.Item>
        {actors.length > 0 && (
          <Form.Item name="actorId" label={t('audit.actor')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} placeholder={t('common.all')} options={actors} />
          </Form.Item>
        )}
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input allowClear style={{ width: 200 }} placeholder="sto_… / stf_…" />
        </Form.Item>
        <Form.Item name="range" label={t('audit.date')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{
          expandedRowRender: (e) => <AuditDiff before={e.before} after={e.after} />,
          rowExpandable: (e) => e.before != null || e.after != null,
        }}
        columns={[
          { title: t('audit.time'), dataIndex: 'occurredAt', width: 170, render: (v: string) => formatTime(v, true) },
          {
            title: t('audit.actor'),
            key: 'actor',
            width: 160,
            render: (_: unknown, e: AuditEntry) => (
              <span>
                {e.actorName ?? '—'}
                {e.actorType !== 'staff' && (
                  <Tag style={{ marginInlineStart: 6 }} color={e.actorType === 'apiKey' ? 'geekblue' : undefined}>
                    {e.actorType === 'apiKey' ? t('audit.actor.apiKey') : e.actorType === 'system' ? t('audit.actor.system') : e.actorType}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 190,
            render: (v: string) => (
              <span title={v}>
                {actionLabel(t, v)}
                {ACTION_LABELS[v] && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {v}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            width: 260,
            render: (_: unknown, e: AuditEntry) => (
              <span>
                {entityLabel(t, e.entityType)}
                {e.entityId && (
                  <Typography.Text type="secondary" copyable={{ text: e.entityId }} style={{ display: 'block', fontSize: 12 }}>
                    {e.entityId}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('audit.store'), dataIndex: 'storeId', width: 120, render: (v: string | null) => (v ? (storeName.get(v) ?? v) : '—') },
          { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
          {
            title: t('audit.requestId'),
            dataIndex: 'requestId',
            width: 150,
            render: (v: string | null) =>
              v ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable>
                  {v}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <CursorPagination list={list} />
    </Card>
  );
}
