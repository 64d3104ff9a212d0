// Member settings (crm.settings): how member numbers look, the tenant's own member fields
// (text, number, date, choice — in forms, filters, imports and exports), and the consent texts
// members and guardians agree to (versions are added, never edited).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { type MsgKey, useT } from '../i18n';
import type { ConsentText, CustomField, MemberSettings } from './types';
import { maxRule, requiredRule } from './validation';

const TYPE_LABEL: Record<CustomField['type'], MsgKey> = {
  text: 'settings.field.type.text',
  number: 'settings.field.type.number',
  date: 'settings.field.type.date',
  choice: 'settings.field.type.choice',
};

export default function MemberSettingsPage() {
  const t = useT();
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <NumberSettings />
      <CustomFields />
      <ConsentTexts />
      <Typography.Text type="secondary">{t('settings.hint')}</Typography.Text>
    </div>
  );
}

function NumberSettings() {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ numberPrefix: string; numberWidth: number; nextNumber: number }>();
  const [settings, setSettings] = useState<MemberSettings | null>(null);
  const prefix = Form.useWatch('numberPrefix', form) ?? '';
  const width = Form.useWatch('numberWidth', form) ?? 6;
  const next = Form.useWatch('nextNumber', form) ?? 1;

  useEffect(() => {
    call(api.GET('/api/v1/member-settings'))
      .then((s) => {
        setSettings(s);
        form.setFieldsValue({ numberPrefix: s.numberPrefix, numberWidth: s.numberWidth, nextNumber: s.nextNumber });
      })
      .catch(showError);
  }, [form, showError]);

  return (
    <Card title={t('settings.numbers')} loading={!settings}>
      <Form
        form={form}
        layout="inline"
        onFinish={async (v) => {
          try {
            const s = await call(api.PATCH('/api/v1/member-settings', { body: { numberPrefix: v.numberPrefix.trim(), numberWidth: v.numberWidth, nextNumber: v.nextNumber } }));
            setSettings(s);
            message.success(t('common.saved'));
          } catch (err) {
            showError(err, form);
          }
        }}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="numberPrefix" label={t('settings.prefix')} rules={[{ pattern: /^[A-Za-z0-9]{0,8}$/, message: t('settings.prefix.invalid') }]}>
          <Input maxLength={8} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="numberWidth" label={t('settings.width')}>
          <InputNumber min={1} max={12} />
        </Form.Item>
        <Form.Item name="nextNumber" label={t('settings.next')} extra={t('settings.next.hint')}>
          <InputNumber min={1} max={1e12} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('settings.preview')}>
          <Typography.Text code>{`${prefix}${String(next).padStart(width, '0')}`}</Typography.Text>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function CustomFields() {
  const t = useT();
  const showError = useApiError();
  const [fields, setFields] = useState<CustomField[] | null>(null);
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);

  const load = useCallback(async () => {
    try {
      setFields((await call(api.GET('/api/v1/member-custom-fields'))).items);
    } catch (err) {
      showError(err);
    }
  }, [showError]);
  useEffect(() => {
    void load();
  }, [load]);

  async function setActive(f: CustomField, isActive: boolean) {
    try {
      await call(api.PATCH('/api/v1/member-custom-fields/{fieldId}', { params: { path: { fieldId: f.id } }, body: { isActive } }));
      void load();
    } catch (err) {
      showError(err);
    }
  }

  return (
    <Card
      title={t('settings.fields')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="field-new">
          {t('settings.field.new')}
        </Button>
      }
    >
      <Table<CustomField>
        rowKey="id"
        size="small"
        loading={!fields}
        dataSource={fields ?? []}
        pagination={false}
        locale={{ emptyText: t('settings.fields.none') }}
        columns={[
          { title: t('settings.field.label'), key: 'label', render: (_: unknown, f: CustomField) => `${f.labelZh} / ${f.labelEn}` },
          { title: t('settings.field.key'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('settings.field.type'), dataIndex: 'type', render: (v: CustomField['type']) => t(TYPE_LABEL[v]) },
          { title: t('settings.field.options'), key: 'options', render: (_: unknown, f: CustomField) => (f.options.length ? f.options.map((o) => o.labelZh).join(t('common.listSep')) : '—') },
          { title: t('settings.field.required'), dataIndex: 'isRequired', render: (v: boolean) => (v ? <Tag color="orange">{t('settings.field.required')}</Tag> : '—') },
          { title: t('common.status'), dataIndex: 'isActive', render: (v: boolean) => (v ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, f: CustomField) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(f)}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => void setActive(f, !f.isActive)}>
                  {f.isActive ? t('common.deactivate') : t('common.activate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <FieldModal
          field={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </Card>
  );
}

interface FieldValues {
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomField['type'];
  options: { value: string; labelZh: string; labelEn: string }[];
  isRequired: boolean;
  sortOrder: number;
}

function FieldModal(props: { field: CustomField | null; onClose(): void; onSaved(): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<FieldValues>();
  const [saving, setSaving] = useState(false);
  const f = props.field;
  const type = Form.useWatch('type', form) ?? f?.type ?? 'text';
  return (
    <Modal
      open
      title={f ? t('settings.field.edit', { label: f.labelZh }) : t('settings.field.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
    >
      <Form<FieldValues>
        form={form}
        layout="vertical"
        initialValues={f ? { ...f, options: f.options } : { type: 'text', options: [], isRequired: false, sortOrder: 0 }}
        onFinish={async (v) => {
          setSaving(true);
          const options = type === 'choice' ? (v.options ?? []).map((o) => ({ value: o.value.trim(), labelZh: o.labelZh.trim(), labelEn: o.labelEn.trim() })) : undefined;
          try {
            if (f) {
              await call(
                api.PATCH('/api/v1/member-custom-fields/{fieldId}', {
                  params: { path: { fieldId: f.id } },
                  body: { labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim(), isRequired: v.isRequired, sortOrder: v.sortOrder, ...(options ? { options } : {}) },
                }),
              );
            } else {
              await call(
                api.POST('/api/v1/member-custom-fields', {
                  body: { key: v.key.trim(), labelZh: v.labelZh.trim(), labelEn: v.labelEn.trim(), type: v.type, isRequired: v.isRequired, sortOrder: v.sortOrder, ...(options ? { options } : {}) },
                }),
              );
            }
            props.onSaved();
          } catch (err) {
            showError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="labelZh" label={t('settings.field.labelZh')} rules={[requiredRule(t), maxRule(t, 40)]}>
              <Input autoFocus maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="labelEn" label={t('settings.field.labelEn')} rules={[requiredRule(t), maxRule(t, 40)]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="key"
              label={t('settings.field.key')}
              extra={t('settings.field.key.hint')}
              rules={f ? [] : [requiredRule(t), { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('settings.field.key.invalid') }]}
            >
              <Input disabled={!!f} maxLength={40} autoCapitalize="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={t('settings.field.type')}>
              <Radio.Group disabled={!!f} optionType="button" options={(['text', 'number', 'date', 'choice'] as const).map((x) => ({ value: x, label: t(TYPE_LABEL[x]) }))} />
            </Form.Item>
          </Col>
        </Row>
        {type === 'choice' && (
          <Form.List name="options">
            {(items, { add, remove }) => (
              <div style={{ marginBottom: 16 }}>
                <Typography.Text>{t('settings.field.options')}</Typography.Text>
                {items.map((item) => (
                  <Space key={item.key} align="baseline" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[item.name, 'value']} rules={[requiredRule(t)]} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('settings.option.value')} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'labelZh']} rules={[requiredRule(t)]} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('settings.field.labelZh')} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'labelEn']} rules={[requiredRule(t)]} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('settings.field.labelEn')} maxLength={40} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(item.name)} aria-label={t('common.delete')} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ value: '', labelZh: '', labelEn: '' })} icon={<PlusOutlined />} style={{ marginTop: 8 }}>
                  {t('settings.option.add')}
                </Button>
              </div>
            )}
          </Form.List>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="isRequired" label={t('settings.field.required')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="sortOrder" label={t('settings.field.sortOrder')}>
              <InputNumber min={0} max={10000} />
            </Form.Item>
          </Col>
        </Row>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

function ConsentTexts() {
  const t = useT();
  const showError = useApiError();
  const [texts, setTexts] = useState<ConsentText[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ kind: ConsentText['kind']; version: string; body: string }>();

  const load = useCallback(async () => {
    try {
      setTexts((await call(api.GET('/api/v1/consent-texts'))).items);
    } catch (err) {
      showError(err);
    }
  }, [showError]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Card
      title={t('settings.consents')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('settings.consent.new')}
        </Button>
      }
    >
      <Table<ConsentText>
        rowKey="id"
        size="small"
        loading={!texts}
        dataSource={texts ?? []}
        pagination={false}
        expandable={{ expandedRowRender: (x) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{x.body}</Typography.Paragraph> }}
        columns={[
          { title: t('members.consent.kind'), dataIndex: 'kind', render: (k: ConsentText['kind']) => t(k === 'sensitive' ? 'members.consent.sensitive' : 'members.consent.child') },
          { title: t('members.consent.versionCol'), dataIndex: 'version' },
          { title: t('settings.consent.body'), dataIndex: 'body', ellipsis: true },
          { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
        ]}
      />
      {adding && (
        <Modal
          open
          title={t('settings.consent.new')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onOk={() => form.submit()}
          onCancel={() => setAdding(false)}
          destroyOnHidden
          width={640}
        >
          <Typography.Paragraph type="secondary">{t('settings.consent.hint')}</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'sensitive' }}
            onFinish={async (v) => {
              try {
                await call(api.POST('/api/v1/consent-texts', { body: { kind: v.kind, version: v.version.trim(), body: v.body.trim() } }));
                setAdding(false);
                form.resetFields();
                void load();
              } catch (err) {
                showError(err, form);
              }
            }}
          >
            <Form.Item name="kind" label={t('members.consent.kind')}>
              <Select
                options={[
                  { value: 'sensitive', label: t('members.consent.sensitive') },
                  { value: 'child', label: t('members.consent.child') },
                ]}
              />
            </Form.Item>
            <Form.Item name="version" label={t('members.consent.versionCol')} rules={[requiredRule(t), maxRule(t, 30)]}>
              <Input maxLength={30} placeholder="2026-01" />
            </Form.Item>
            <Form.Item name="body" label={t('settings.consent.body')} rules={[requiredRule(t), { min: 10, message: t('settings.consent.bodyMin') }, maxRule(t, 20000)]}>
              <Input.TextArea autoSize={{ minRows: 5, maxRows: 12 }} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Card>
  );
}
