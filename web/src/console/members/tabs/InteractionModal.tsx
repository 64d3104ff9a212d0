// Record an interaction (consultation, complaint, suggestion, return visit), or work on one:
// owner, follow-up date, status open → in progress → resolved with the resolution.
import { Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { CHANNELS, CHANNEL_LABEL, INTERACTION_KIND_LABEL, INTERACTION_STATUS_LABEL } from '../format';
import type { Interaction, InteractionKind, InteractionStatus } from '../types';
import { ownerOptions, useOwners } from '../useOwners';
import { maxRule, requiredRule } from '../validation';

interface Values {
  kind: InteractionKind;
  subject?: string;
  content: string;
  channel?: string | null;
  ownerStaffId?: string | null;
  followUpDate?: Dayjs | null;
  occurredAt?: Dayjs | null;
  status?: InteractionStatus;
  resolution?: string;
}

const KINDS: InteractionKind[] = ['consultation', 'complaint', 'suggestion', 'visit'];
const hasStatus = (k: InteractionKind | undefined) => k === 'complaint' || k === 'suggestion';

function blank(v: string | undefined | null): string | null {
  const s = v?.trim();
  return s ? s : null;
}

export function InteractionModal(props: { memberId: string; interaction: Interaction | null; defaultKind?: InteractionKind; onClose(): void; onSaved(i: Interaction): void }) {
  const t = useT();
  const showError = useApiError();
  const owners = useOwners();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const i = props.interaction;
  const kind = Form.useWatch('kind', form) ?? i?.kind;
  const status = Form.useWatch('status', form);

  async function save(v: Values) {
    setSaving(true);
    try {
      const common = {
        subject: blank(v.subject),
        content: v.content.trim(),
        channel: (v.channel ?? null) as (typeof CHANNELS)[number] | null,
        ownerStaffId: v.ownerStaffId ?? null,
        followUpDate: v.followUpDate ? v.followUpDate.format('YYYY-MM-DD') : null,
      };
      const saved = i
        ? await call(
            api.PATCH('/api/v1/interactions/{interactionId}', {
              params: { path: { interactionId: i.id } },
              body: { ...common, ...(hasStatus(i.kind) && v.status ? { status: v.status, resolution: blank(v.resolution) } : {}) },
            }),
          )
        : await call(
            api.POST('/api/v1/members/{memberId}/interactions', {
              params: { path: { memberId: props.memberId } },
              body: { ...common, kind: v.kind, ...(v.occurredAt ? { occurredAt: v.occurredAt.toISOString() } : {}) },
            }),
          );
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<Values> = i
    ? {
        kind: i.kind,
        subject: i.subject ?? '',
        content: i.content,
        channel: i.channel,
        ownerStaffId: i.ownerStaffId,
        followUpDate: i.followUpDate ? dayjs(i.followUpDate) : null,
        status: i.status ?? undefined,
        resolution: i.resolution ?? '',
      }
    : { kind: props.defaultKind ?? 'consultation', channel: 'desk' };

  return (
    <Modal
      open
      title={i ? t('crm.edit', { kind: t(INTERACTION_KIND_LABEL[i.kind]) }) : t('crm.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={640}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        {!i && (
          <Form.Item name="kind" label={t('crm.kind')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={KINDS.map((k) => ({ value: k, label: t(INTERACTION_KIND_LABEL[k]) }))} />
          </Form.Item>
        )}
        <Form.Item name="subject" label={t('crm.subject')} rules={[maxRule(t, 100)]}>
          <Input maxLength={100} autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item name="content" label={t('crm.content')} rules={[requiredRule(t), maxRule(t, 4000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name="channel" label={t('crm.channel')}>
              <Select allowClear options={CHANNELS.map((c) => ({ value: c, label: t(CHANNEL_LABEL[c]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="ownerStaffId" label={t('crm.owner')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={ownerOptions(owners, i ? { id: i.ownerStaffId, name: i.ownerName } : undefined)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="followUpDate" label={t('crm.followUpDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {!i && (
            <Col xs={24} sm={12}>
              <Form.Item name="occurredAt" label={t('crm.occurredAt')} extra={t('crm.occurredAt.hint')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          )}
        </Row>
        {i && hasStatus(kind) && (
          <>
            <Form.Item name="status" label={t('common.status')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={(['open', 'in_progress', 'resolved'] as const).map((s) => ({ value: s, label: t(INTERACTION_STATUS_LABEL[s]) }))}
              />
            </Form.Item>
            <Form.Item
              name="resolution"
              label={t('crm.resolution')}
              rules={[maxRule(t, 4000), ...(status === 'resolved' ? [{ required: true, whitespace: true, message: t('crm.resolution.required') }] : [])]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
            </Form.Item>
          </>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
