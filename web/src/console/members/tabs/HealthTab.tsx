// Health & ID (sensitive personal information): only with member.sensitive.read; the member's
// separate consent comes first; the values are fetched only when someone asks to see them,
// because every view is written to the audit log. Withdrawing the consent deletes the data.
import { EditOutlined, EyeInvisibleOutlined, EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Col, Descriptions, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useApiError } from '../../errors';
import { formatTime } from '../../format';
import { type MsgKey, useT } from '../../i18n';
import { useSession } from '../../session';
import type { MemberTabContext } from '../memberTabs';
import type { Consent, IdType, Member, Sensitive, SensitiveUpdate } from '../types';
import { maxRule, requiredRule } from '../validation';
import { ConsentTextBox, latestText, useConsentTexts } from './DependentModal';

const ID_TYPES: IdType[] = ['cn_resident', 'passport', 'hk_macao_permit', 'taiwan_permit', 'foreign_permanent', 'other'];
const ID_TYPE_LABEL: Record<IdType, MsgKey> = {
  cn_resident: 'members.id.cn_resident',
  passport: 'members.id.passport',
  hk_macao_permit: 'members.id.hk_macao_permit',
  taiwan_permit: 'members.id.taiwan_permit',
  foreign_permanent: 'members.id.foreign_permanent',
  other: 'members.id.other',
};

export default function HealthTab({ member: m }: { member: Member; ctx: MemberTabContext }) {
  const t = useT();
  const { can } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const texts = useConsentTexts();
  const [consents, setConsents] = useState<Consent[] | null>(null);
  const [data, setData] = useState<Sensitive | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [editing, setEditing] = useState(false);
  const writable = can('member.write') && !m.erasedAt;

  const load = useCallback(async () => {
    try {
      setConsents((await call(api.GET('/api/v1/members/{memberId}/consents', { params: { path: { memberId: m.id } } }))).items);
    } catch (err) {
      showError(err);
    }
  }, [m.id, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  async function reveal() {
    setRevealing(true);
    try {
      setData(await call(api.GET('/api/v1/members/{memberId}/sensitive', { params: { path: { memberId: m.id } } })));
    } catch (err) {
      showError(err);
    } finally {
      setRevealing(false);
    }
  }

  async function withdraw(c: Consent) {
    try {
      await call(api.POST('/api/v1/members/{memberId}/consents/{consentId}/withdraw', { params: { path: { memberId: m.id, consentId: c.id } } }));
      message.success(t('members.consent.withdrawn'));
      setData(null);
      void load();
    } catch (err) {
      showError(err);
    }
  }

  if (!consents) return <Spin style={{ display: 'block', margin: 32 }} />;
  const sensitiveConsent = consents.find((c) => c.kind === 'sensitive' && !c.withdrawnAt) ?? null;
  const sensitiveText = latestText(texts, 'sensitive');

  return (
    <div style={{ display: 'grid', gap: 20 }}>
      {sensitiveConsent ? (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined />}
          title={t('members.consent.sensitiveOnFile', { name: sensitiveConsent.grantedByName, time: formatTime(sensitiveConsent.grantedAt), version: sensitiveConsent.textVersion })}
          action={
            writable && (
              <Popconfirm title={t('members.consent.withdrawConfirm')} description={t('members.consent.withdrawSensitiveHint')} okButtonProps={{ danger: true }} onConfirm={() => withdraw(sensitiveConsent)}>
                <Button size="small" danger>
                  {t('members.consent.withdraw')}
                </Button>
              </Popconfirm>
            )
          }
        />
      ) : (
        <SensitiveConsentForm member={m} text={sensitiveText} writable={writable} onGranted={() => void load()} />
      )}

      {sensitiveConsent && (
        <section>
          <Space style={{ marginBottom: 12 }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('members.sensitive.title')}
            </Typography.Title>
            {data ? (
              <Button icon={<EyeInvisibleOutlined />} onClick={() => setData(null)}>
                {t('members.sensitive.hide')}
              </Button>
            ) : (
              <Button type="primary" icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="sensitive-reveal">
                {t('members.sensitive.reveal')}
              </Button>
            )}
            {data && can('member.sensitive.write') && writable && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('members.sensitive.logged')}
          </Typography.Paragraph>
          {data && (
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              data-testid="sensitive-data"
              items={[
                { key: 'idType', label: t('members.sensitive.idType'), children: data.idType ? t(ID_TYPE_LABEL[data.idType]) : '—' },
                { key: 'idNumber', label: t('members.sensitive.idNumber'), children: data.idNumber ?? '—' },
                { key: 'conditions', label: t('members.sensitive.conditions'), span: 'filled' as const, children: data.health?.conditions ?? '—' },
                { key: 'injuries', label: t('members.sensitive.injuries'), span: 'filled' as const, children: data.health?.injuries ?? '—' },
                { key: 'restrictions', label: t('members.sensitive.restrictions'), span: 'filled' as const, children: data.health?.restrictions ?? '—' },
                { key: 'notes', label: t('members.field.notes'), span: 'filled' as const, children: data.health?.notes ?? '—' },
                { key: 'updated', label: t('members.field.updatedAt'), children: formatTime(data.updatedAt) },
              ]}
            />
          )}
        </section>
      )}

      <section>
        <Typography.Title level={5}>{t('members.consent.records')}</Typography.Title>
        <Table<Consent>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={consents}
          locale={{ emptyText: t('members.consent.none') }}
          columns={[
            { title: t('members.consent.kind'), key: 'kind', render: (_: unknown, c: Consent) => t(c.kind === 'sensitive' ? 'members.consent.sensitive' : 'members.consent.child') },
            { title: t('members.consent.grantedBy'), key: 'by', render: (_: unknown, c: Consent) => [c.grantedByName, c.grantedByRelation].filter(Boolean).join(' · ') },
            { title: t('members.consent.versionCol'), dataIndex: 'textVersion' },
            { title: t('members.consent.channel'), dataIndex: 'channel', render: (v: string) => (['desk', 'paper', 'portal'].includes(v) ? t(`members.consent.channel.${v}` as MsgKey) : v) },
            { title: t('members.consent.grantedAt'), dataIndex: 'grantedAt', render: (v: string) => formatTime(v) },
            {
              title: t('common.status'),
              key: 'status',
              render: (_: unknown, c: Consent) =>
                c.withdrawnAt ? <Tag>{t('members.consent.withdrawnAt', { time: formatTime(c.withdrawnAt) })}</Tag> : <Tag color="green">{t('members.consent.valid')}</Tag>,
            },
            ...(writable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, c: Consent) =>
                      !c.withdrawnAt && (
                        <Popconfirm
                          title={t('members.consent.withdrawConfirm')}
                          description={c.kind === 'sensitive' ? t('members.consent.withdrawSensitiveHint') : t('members.consent.withdrawChildHint')}
                          okButtonProps={{ danger: true }}
                          onConfirm={() => withdraw(c)}
                        >
                          <Button size="small" type="link" danger>
                            {t('members.consent.withdraw')}
                          </Button>
                        </Popconfirm>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </section>
      {editing && data && (
        <SensitiveModal
          member={m}
          data={data}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            message.success(t('common.saved'));
            void reveal();
          }}
        />
      )}
    </div>
  );
}

function SensitiveConsentForm(props: { member: Member; text: ReturnType<typeof latestText>; writable: boolean; onGranted(): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<{ grantedByName: string; channel: 'desk' | 'paper'; agreed: boolean }>();
  const [saving, setSaving] = useState(false);
  return (
    <div data-testid="sensitive-consent">
      <Alert type="warning" showIcon title={t('members.consent.sensitiveRequired')} description={t('members.consent.sensitiveWhy')} style={{ marginBottom: 12 }} />
      {props.writable && props.text && (
        <>
          <ConsentTextBox text={props.text} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ grantedByName: props.member.name, channel: 'desk' }}
            onFinish={async (v) => {
              setSaving(true);
              try {
                await call(
                  api.POST('/api/v1/members/{memberId}/consents', {
                    params: { path: { memberId: props.member.id } },
                    body: { kind: 'sensitive', textId: props.text!.id, grantedByName: v.grantedByName.trim(), channel: v.channel },
                  }),
                );
                props.onGranted();
              } catch (err) {
                showError(err, form);
              } finally {
                setSaving(false);
              }
            }}
          >
            <Row gutter={16}>
              <Col xs={24} sm={12} lg={8}>
                <Form.Item name="grantedByName" label={t('members.consent.grantedBy')} rules={[requiredRule(t), maxRule(t, 50)]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={8}>
                <Form.Item name="channel" label={t('members.consent.channel')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'desk', label: t('members.consent.channel.desk') },
                      { value: 'paper', label: t('members.consent.channel.paper') },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="agreed" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('members.consent.mustAgree')))) }]}>
              <Checkbox>{t('members.consent.sensitiveAgree')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('members.consent.recordButton')}
            </Button>
          </Form>
        </>
      )}
    </div>
  );
}

function blank(v: string | undefined | null): string | null {
  const s = v?.trim();
  return s ? s : null;
}

function SensitiveModal(props: { member: Member; data: Sensitive; onClose(): void; onSaved(): void }) {
  const t = useT();
  const showError = useApiError();
  type Values = { idType?: IdType | null; idNumber?: string; conditions?: string; injuries?: string; restrictions?: string; notes?: string };
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const d = props.data;
  return (
    <Modal
      open
      title={t('members.sensitive.edit', { name: props.member.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          idType: d.idType,
          idNumber: d.idNumber ?? '',
          conditions: d.health?.conditions ?? '',
          injuries: d.health?.injuries ?? '',
          restrictions: d.health?.restrictions ?? '',
          notes: d.health?.notes ?? '',
        }}
        onFinish={async (v) => {
          setSaving(true);
          const idNumber = blank(v.idNumber);
          const health = { conditions: blank(v.conditions), injuries: blank(v.injuries), restrictions: blank(v.restrictions), notes: blank(v.notes) };
          const body: SensitiveUpdate = {
            idType: idNumber ? (v.idType ?? 'cn_resident') : null,
            idNumber,
            health: Object.values(health).some(Boolean) ? health : null,
          };
          try {
            await call(api.PUT('/api/v1/members/{memberId}/sensitive', { params: { path: { memberId: props.member.id } }, body }));
            props.onSaved();
          } catch (err) {
            // Server paths are health.conditions …; the form's fields are flat.
            showError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="idType" label={t('members.sensitive.idType')}>
              <Select allowClear options={ID_TYPES.map((x) => ({ value: x, label: t(ID_TYPE_LABEL[x]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="idNumber" label={t('members.sensitive.idNumber')} rules={[maxRule(t, 40)]}>
              <Input maxLength={40} autoComplete="off" autoFocus />
            </Form.Item>
          </Col>
        </Row>
        {(['conditions', 'injuries', 'restrictions', 'notes'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(k === 'notes' ? 'members.field.notes' : (`members.sensitive.${k}` as MsgKey))} rules={[maxRule(t, 1000)]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
          </Form.Item>
        ))}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
