// The lead forms: record or edit an enquiry, move it along the pipeline (lost needs a reason,
// a booked trial its time), and convert it into a member (new, or the member with that mobile).
import { Alert, AutoComplete, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { EnterSubmits } from '../components/EnterSubmits';
import { storeOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { GENDER_LABEL } from '../members/format';
import type { Lead, LeadDetail, LeadStatus } from '../members/types';
import { useMemberMeta } from '../members/useMemberMeta';
import { ownerOptions, useOwners } from '../members/useOwners';
import { emailRule, maxRule, mobileRule, normalizeMobile, notFutureDate, requiredRule } from '../members/validation';
import { STATUS_LABEL } from './lead-format';

/** Channels people name most; the tenant's own ones come from members already recorded. */
export const COMMON_CHANNELS_ZH = ['大众点评', '美团', '小红书', '抖音', '微信公众号', '朋友圈', '转介绍', '地推', '路过到店', '官网'];

function blank(v: string | undefined | null): string | null {
  const s = v?.trim();
  return s ? s : null;
}

interface LeadValues {
  name: string;
  mobile?: string;
  gender?: 'male' | 'female' | 'unknown' | null;
  childName?: string;
  childBirthday?: Dayjs | null;
  interest?: string;
  sourceChannel?: string;
  storeId?: string | null;
  ownerStaffId?: string | null;
  nextFollowUpDate?: Dayjs | null;
  notes?: string;
}

export function LeadFormModal(props: { lead: Lead | null; onClose(): void; onSaved(l: LeadDetail): void }) {
  const t = useT();
  const { me, currentStore } = useSession();
  const showError = useApiError();
  const meta = useMemberMeta();
  const owners = useOwners();
  const [form] = Form.useForm<LeadValues>();
  const [saving, setSaving] = useState(false);
  const l = props.lead;
  const channels = [...new Set([...meta.facets.sourceChannels.map((s) => s.value), ...COMMON_CHANNELS_ZH])];

  async function save(v: LeadValues) {
    setSaving(true);
    const body = {
      name: v.name.trim(),
      // A masked mobile left untouched stays as it is.
      ...(l?.isMobileMasked && !v.mobile?.trim() ? {} : { mobile: v.mobile?.trim() ? normalizeMobile(v.mobile) : null }),
      gender: v.gender ?? null,
      childName: blank(v.childName),
      childBirthday: v.childBirthday ? v.childBirthday.format('YYYY-MM-DD') : null,
      interest: blank(v.interest),
      sourceChannel: blank(v.sourceChannel),
      storeId: v.storeId ?? null,
      ownerStaffId: v.ownerStaffId ?? null,
      nextFollowUpDate: v.nextFollowUpDate ? v.nextFollowUpDate.format('YYYY-MM-DD') : null,
      notes: blank(v.notes),
    };
    try {
      const saved = l ? await call(api.PATCH('/api/v1/leads/{leadId}', { params: { path: { leadId: l.id } }, body })) : await call(api.POST('/api/v1/leads', { body }));
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<LeadValues> = l
    ? {
        name: l.name,
        mobile: l.isMobileMasked ? '' : (l.mobile ?? ''),
        gender: l.gender,
        childName: l.childName ?? '',
        childBirthday: l.childBirthday ? dayjs(l.childBirthday) : null,
        interest: l.interest ?? '',
        sourceChannel: l.sourceChannel ?? '',
        storeId: l.storeId,
        ownerStaffId: l.ownerStaffId,
        nextFollowUpDate: l.nextFollowUpDate ? dayjs(l.nextFollowUpDate) : null,
        notes: l.notes ?? '',
      }
    : { storeId: currentStore?.id ?? null, ownerStaffId: me.staff.id, nextFollowUpDate: dayjs().add(1, 'day') };

  return (
    <Modal
      open
      title={l ? t('leads.edit', { name: l.name }) : t('leads.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={680}
    >
      <Form<LeadValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('leads.field.name')} rules={[requiredRule(t), maxRule(t, 50)]}>
              <Input autoFocus maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mobile" label={t('members.field.mobile')} rules={[mobileRule(t)]} extra={l?.isMobileMasked ? t('members.form.mobileMasked', { mobile: l.mobile ?? '' }) : undefined}>
              <Input inputMode="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="gender" label={t('members.field.gender')}>
              <Select allowClear options={(['female', 'male', 'unknown'] as const).map((g) => ({ value: g, label: t(GENDER_LABEL[g]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="childName" label={t('leads.field.childName')} rules={[maxRule(t, 50)]}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="childBirthday" label={t('leads.field.childBirthday')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFutureDate} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="interest" label={t('leads.field.interest')} rules={[maxRule(t, 200)]}>
              <Input maxLength={200} placeholder={t('leads.field.interest.placeholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="sourceChannel" label={t('members.field.sourceChannel')} rules={[maxRule(t, 30)]}>
              <AutoComplete options={channels.map((c) => ({ value: c }))} filterOption />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="storeId" label={t('leads.field.store')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={storeOptions(t, meta.stores)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="ownerStaffId" label={t('leads.field.owner')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={ownerOptions(owners, l ? { id: l.ownerStaffId, name: l.ownerName } : undefined)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="nextFollowUpDate" label={t('leads.field.nextFollowUp')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('members.field.notes')} rules={[maxRule(t, 2000)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

export function MoveModal(props: { lead: Lead; to: LeadStatus; onClose(): void; onSaved(l: LeadDetail): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<{ note?: string; lostReason?: string; trialAt?: Dayjs | null; nextFollowUpDate?: Dayjs | null }>();
  const [saving, setSaving] = useState(false);
  const { lead: l, to } = props;
  if (to === 'converted') return null;
  return (
    <Modal
      open
      title={t('leads.move.title', { name: l.name, status: t(STATUS_LABEL[to]) })}
      okText={to === 'lost' ? t('leads.move.lost') : t('leads.move.ok')}
      okButtonProps={{ danger: to === 'lost' }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ nextFollowUpDate: l.nextFollowUpDate ? dayjs(l.nextFollowUpDate) : null }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            const saved = await call(
              api.POST('/api/v1/leads/{leadId}/status', {
                params: { path: { leadId: l.id } },
                body: {
                  status: to,
                  note: blank(v.note),
                  ...(to === 'lost' ? { lostReason: blank(v.lostReason) } : {}),
                  ...(to === 'trial_booked' && v.trialAt ? { trialAt: v.trialAt.toISOString() } : {}),
                  ...(to !== 'lost' ? { nextFollowUpDate: v.nextFollowUpDate ? v.nextFollowUpDate.format('YYYY-MM-DD') : null } : {}),
                },
              }),
            );
            props.onSaved(saved);
          } catch (err) {
            showError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        {to === 'lost' && (
          <Form.Item name="lostReason" label={t('leads.field.lostReason')} rules={[requiredRule(t), maxRule(t, 200)]}>
            <AutoComplete autoFocus options={['价格原因', '距离太远', '时间不合适', '选择了其他机构', '暂无需求', '联系不上'].map((value) => ({ value }))} filterOption />
          </Form.Item>
        )}
        {to === 'trial_booked' && (
          <Form.Item name="trialAt" label={t('leads.field.trialAt')}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('leads.field.note')} rules={[maxRule(t, 1000)]}>
          <Input.TextArea autoFocus={to !== 'lost'} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
        {to !== 'lost' && (
          <Form.Item name="nextFollowUpDate" label={t('leads.field.nextFollowUp')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

export function ConvertModal(props: { lead: LeadDetail; onClose(): void; onConverted(memberId: string): void }) {
  const t = useT();
  const { currentStore } = useSession();
  const showError = useApiError();
  const meta = useMemberMeta();
  const [form] = Form.useForm<{ mode: 'new' | 'existing'; homeStoreId?: string; birthday?: Dayjs | null; email?: string; tags?: string[] }>();
  const [saving, setSaving] = useState(false);
  const l = props.lead;
  const existing = l.existingMember;
  const mode = Form.useWatch('mode', form) ?? (existing ? 'existing' : 'new');
  return (
    <Modal
      open
      title={t('leads.convert.title', { name: l.name })}
      okText={t('leads.convert.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {!l.mobile && <Alert type="warning" showIcon title={t('leads.convert.needsMobile')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: existing ? 'existing' : 'new', homeStoreId: l.storeId ?? currentStore?.id, tags: [] }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            const r = await call(
              api.POST('/api/v1/leads/{leadId}/convert', {
                params: { path: { leadId: l.id } },
                body:
                  v.mode === 'existing' && existing
                    ? { memberId: existing.id }
                    : {
                        ...(v.homeStoreId ? { homeStoreId: v.homeStoreId } : {}),
                        birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
                        email: blank(v.email),
                        tags: v.tags ?? [],
                      },
              }),
            );
            props.onConverted(r.memberId);
          } catch (err) {
            showError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        {existing && (
          <Form.Item name="mode" label={t('leads.convert.mode')}>
            <Radio.Group
              options={[
                { value: 'existing', label: t('leads.convert.existing', { name: existing.name, memberNo: existing.memberNo }) },
                { value: 'new', label: t('leads.convert.new') },
              ]}
            />
          </Form.Item>
        )}
        {mode === 'new' && (
          <>
            <Typography.Paragraph type="secondary">{t('leads.convert.carried')}</Typography.Paragraph>
            <Form.Item name="homeStoreId" label={t('members.field.homeStore')} rules={[{ required: true, message: t('form.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={storeOptions(t, meta.stores)} />
            </Form.Item>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name="birthday" label={t('members.field.birthday')}>
                  <DatePicker style={{ width: '100%' }} disabledDate={notFutureDate} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="email" label={t('members.field.email')} rules={[emailRule(t)]}>
                  <Input maxLength={254} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="tags" label={t('members.field.tags')}>
              <Select mode="tags" options={meta.facets.tags.map((x) => ({ value: x.tag }))} />
            </Form.Item>
          </>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
