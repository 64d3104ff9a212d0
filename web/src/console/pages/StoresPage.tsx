// Stores & regions (org.read to look, org.manage to change): the stores table with create / edit /
// deactivate, and the regions tab.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { Region, Store } from '../../api/types';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { RegionsTab } from './RegionsTab';

export default function StoresPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'regions' ? 'regions' : 'stores';
  return (
    <Card>
      {/* Each tab reloads when shown, so a region created in one is offered in the other. */}
      <Tabs
        destroyOnHidden
        activeKey={tab}
        onChange={(k) => setParams(k === 'regions' ? { tab: 'regions' } : {}, { replace: true })}
        items={[
          { key: 'stores', label: t('stores.tab'), children: <StoresTab /> },
          { key: 'regions', label: t('regions.tab'), children: <RegionsTab /> },
        ]}
      />
    </Card>
  );
}

interface StoreValues {
  name: string;
  code?: string;
  regionId?: string | null;
  address?: string;
  phone?: string;
  businessHours?: string;
}

function blankToNull(v: string | undefined | null): string | null {
  const s = v?.trim();
  return s ? s : null;
}

function StoresTab() {
  const t = useT();
  const session = useSession();
  const manage = session.can('org.manage');
  const showError = useApiError();
  const { message } = App.useApp();
  const [stores, setStores] = useState<Store[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);
  const [loading, setLoading] = useState(true);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Store | 'new' | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [s, r] = await Promise.all([
        call(api.GET('/api/v1/stores', { params: { query: includeInactive ? { includeInactive: 'true' } : {} } })),
        call(api.GET('/api/v1/regions')),
      ]);
      setStores(s.items);
      setRegions(r.items);
    } catch (err) {
      showError(err);
    } finally {
      setLoading(false);
    }
  }, [includeInactive, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  const regionName = useMemo(() => new Map(regions.map((r) => [r.id, r.name])), [regions]);
  const q = search.trim().toLowerCase();
  const shown = q ? stores.filter((s) => s.name.toLowerCase().includes(q) || s.code.toLowerCase().includes(q) || (s.address ?? '').toLowerCase().includes(q)) : stores;

  async function setActive(store: Store, isActive: boolean) {
    try {
      await call(api.PATCH('/api/v1/stores/{storeId}', { params: { path: { storeId: store.id } }, body: { isActive } }));
      message.success(isActive ? t('stores.activated', { name: store.name }) : t('stores.deactivated', { name: store.name }));
      await Promise.all([load(), session.reload()]);
    } catch (err) {
      showError(err);
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('stores.search')}
            aria-label={t('stores.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
          />
          <Space size={6}>
            <Switch checked={includeInactive} onChange={setIncludeInactive} aria-label={t('stores.showInactive')} size="small" />
            <Typography.Text>{t('stores.showInactive')}</Typography.Text>
          </Space>
        </Space>
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('stores.new')}
          </Button>
        )}
      </Space>
      <Table<Store>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={shown}
        pagination={shown.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 1140 }}
        columns={[
          { title: t('store.code'), dataIndex: 'code', width: 110 },
          { title: t('store.name'), dataIndex: 'name', width: 160 },
          { title: t('store.region'), dataIndex: 'regionId', width: 120, render: (id: string | null) => (id ? (regionName.get(id) ?? '—') : '—') },
          { title: t('store.address'), dataIndex: 'address', width: 220, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('store.phone'), dataIndex: 'phone', width: 140, render: (v: string | null) => v ?? '—' },
          { title: t('store.hours'), dataIndex: 'businessHours', width: 150, render: (v: string | null) => v ?? '—' },
          {
            title: t('common.status'),
            dataIndex: 'isActive',
            width: 90,
            render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  fixed: 'right' as const,
                  render: (_: unknown, s: Store) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing(s)}>
                        {t('common.edit')}
                      </Button>
                      {s.isActive ? (
                        <Popconfirm title={t('stores.deactivate.confirm', { name: s.name })} description={t('stores.deactivate.hint')} onConfirm={() => setActive(s, false)}>
                          <Button type="link" size="small" danger>
                            {t('common.deactivate')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button type="link" size="small" onClick={() => void setActive(s, true)}>
                          {t('common.activate')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <StoreModal
          store={editing === 'new' ? null : editing}
          regions={regions.filter((r) => r.isActive || (editing !== 'new' && r.id === editing.regionId))}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            message.success(editing === 'new' ? t('stores.created', { name: s.name }) : t('common.saved'));
            setEditing(null);
            // The header's store switcher lists the stores from the session: refresh it too.
            void Promise.all([load(), session.reload().catch(showError)]);
          }}
        />
      )}
    </>
  );
}

function StoreModal(props: { store: Store | null; regions: Region[]; onClose(): void; onSaved(store: Store): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<StoreValues>();
  const [saving, setSaving] = useState(false);
  const s = props.store;

  async function save(v: StoreValues) {
    setSaving(true);
    try {
      const common = {
        name: v.name.trim(),
        regionId: v.regionId ?? null,
        address: blankToNull(v.address),
        phone: blankToNull(v.phone),
        businessHours: blankToNull(v.businessHours),
      };
      const code = v.code?.trim();
      const saved = s
        ? await call(api.PATCH('/api/v1/stores/{storeId}', { params: { path: { storeId: s.id } }, body: { ...common, ...(code && code !== s.code ? { code } : {}) } }))
        : await call(api.POST('/api/v1/stores', { body: { ...common, ...(code ? { code } : {}) } }));
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={s ? t('stores.edit', { name: s.name }) : t('stores.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={560}
    >
      <Form<StoreValues>
        form={form}
        layout="vertical"
        initialValues={
          s
            ? { name: s.name, code: s.code, regionId: s.regionId, address: s.address ?? '', phone: s.phone ?? '', businessHours: s.businessHours ?? '' }
            : { regionId: null }
        }
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="name" label={t('store.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
          <Input autoFocus maxLength={50} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('store.code')}
          extra={s ? t('store.code.editHint') : t('store.code.hint')}
          rules={[{ pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('store.code.invalid') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="regionId" label={t('store.region')}>
          <Select allowClear placeholder={t('store.region.none')} options={props.regions.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item name="address" label={t('store.address')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('store.phone')} rules={[{ max: 30 }]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="businessHours" label={t('store.hours')} rules={[{ max: 100 }]}>
              <Input maxLength={100} placeholder={t('store.hours.placeholder')} />
            </Form.Item>
          </Col>
        </Row>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
