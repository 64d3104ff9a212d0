// Create or edit a member. Rules the browser can check (required, mobile, email, a birthday in
// the future, lengths) are checked as you go, in the UI language; what only the server knows
// (a mobile or card number already taken, a custom field's rules) lands on the field it names.
// Editing sends only what changed, so the timeline and the audit log say what really changed.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Segmented, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { storeOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { MemberPicker } from './MemberPicker';
import { GENDER_LABEL } from './format';
import type { CustomField, Gender, Member, MemberCreate, MemberUpdate } from './types';
import { useMemberMeta } from './useMemberMeta';
import { emailRule, maxRule, mobileRule, normalizeMobile, notFutureDate, notFutureRule, requiredRule } from './validation';

interface Values {
  name: string;
  mobile: string;
  gender?: Gender | null;
  birthdayCalendar: 'solar' | 'lunar';
  birthday?: Dayjs | null;
  lunarBirthday?: { year?: number; month?: number; day?: number; isLeapMonth?: boolean };
  email?: string;
  address?: string;
  cardNo?: string;
  homeStoreId?: string;
  sourceChannel?: string;
  referrerMemberId?: string | null;
  referrerName?: string;
  tags?: string[];
  interests?: string[];
  goals?: string;
  notes?: string;
  customFields?: Record<string, unknown>;
  emergencyContact?: { name?: string; relation?: string; mobile?: string };
}

const LUNAR_MONTHS_ZH = ['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月'];
const LUNAR_DAYS_ZH = Array.from({ length: 30 }, (_, i) => {
  const d = i + 1;
  if (d === 10) return '初十';
  if (d === 20) return '二十';
  if (d === 30) return '三十';
  return ['初', '十', '廿'][Math.floor(d / 10)] + ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'][d % 10];
});

function blank(v: string | undefined | null): string | null {
  const s = v?.trim();
  return s ? s : null;
}

function customOut(d: CustomField, v: unknown): string | number | null {
  if (v === undefined || v === null || v === '') return null;
  if (d.type === 'date') return dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : String(v);
  if (d.type === 'number') return typeof v === 'number' ? v : Number(v);
  return String(v).trim() || null;
}

function toValues(m: Member | null, fields: CustomField[], defaultStore: string | undefined): Values {
  if (!m) return { name: '', mobile: '', birthdayCalendar: 'solar', homeStoreId: defaultStore, tags: [], interests: [], customFields: {}, lunarBirthday: { isLeapMonth: false } };
  const custom: Record<string, unknown> = {};
  for (const d of fields) {
    const v = m.customFields[d.key];
    if (v === undefined || v === null) continue;
    custom[d.key] = d.type === 'date' ? dayjs(String(v)) : v;
  }
  return {
    name: m.name,
    mobile: m.isMobileMasked ? '' : (m.mobile ?? ''),
    gender: m.gender,
    birthdayCalendar: m.birthdayCalendar,
    birthday: m.birthday ? dayjs(m.birthday) : null,
    lunarBirthday: m.lunarBirthday ?? { isLeapMonth: false },
    email: m.email ?? '',
    address: m.address ?? '',
    cardNo: m.cardNo ?? '',
    homeStoreId: m.homeStoreId,
    sourceChannel: m.sourceChannel ?? '',
    referrerMemberId: m.referrerMemberId,
    referrerName: m.referrerMemberId ? '' : (m.referrerName ?? ''),
    tags: m.tags,
    interests: m.interests,
    goals: m.goals ?? '',
    notes: m.notes ?? '',
    customFields: custom,
    emergencyContact: { name: m.emergencyContact?.name ?? '', relation: m.emergencyContact?.relation ?? '', mobile: m.emergencyContact?.mobile ?? '' },
  };
}

/** The request body for these values: everything for a new member, only what changed for an edit. */
function toBody(v: Values, fields: CustomField[], before: Member | null): MemberCreate | MemberUpdate {
  const lunar = v.lunarBirthday;
  const birthday =
    v.birthdayCalendar === 'lunar' && lunar?.year && lunar.month && lunar.day
      ? { birthdayCalendar: 'lunar' as const, lunarBirthday: { year: lunar.year, month: lunar.month, day: lunar.day, isLeapMonth: !!lunar.isLeapMonth } }
      : { birthdayCalendar: 'solar' as const, birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null };
  const ec = v.emergencyContact;
  const customFields: Record<string, string | number | null> = {};
  for (const d of fields) {
    const out = customOut(d, v.customFields?.[d.key]);
    const prev = before?.customFields[d.key] ?? null;
    if (!before ? out !== null : out !== prev) customFields[d.key] = out;
  }
  const full: MemberCreate = {
    name: v.name.trim(),
    mobile: normalizeMobile(v.mobile ?? ''),
    gender: v.gender ?? null,
    ...birthday,
    email: blank(v.email),
    address: blank(v.address),
    cardNo: blank(v.cardNo),
    ...(v.homeStoreId ? { homeStoreId: v.homeStoreId } : {}),
    sourceChannel: blank(v.sourceChannel),
    referrerMemberId: v.referrerMemberId ?? null,
    referrerName: v.referrerMemberId ? null : blank(v.referrerName),
    tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
    interests: (v.interests ?? []).map((x) => x.trim()).filter(Boolean),
    goals: blank(v.goals),
    notes: blank(v.notes),
    customFields,
    emergencyContact: ec?.name?.trim() ? { name: ec.name.trim(), relation: blank(ec.relation), mobile: ec.mobile?.trim() ? normalizeMobile(ec.mobile) : null } : null,
  };
  if (!before) {
    if (Object.keys(customFields).length === 0) delete full.customFields;
    return full;
  }
  // Only what changed. A masked mobile left empty means "unchanged".
  const patch: MemberUpdate = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (full.name !== before.name) patch.name = full.name;
  if (full.mobile && !(before.isMobileMasked && !v.mobile) && full.mobile !== before.mobile) patch.mobile = full.mobile;
  if (!same(full.gender, before.gender)) patch.gender = full.gender;
  if (full.birthdayCalendar === 'lunar') {
    if (before.birthdayCalendar !== 'lunar' || !same(full.lunarBirthday, before.lunarBirthday)) Object.assign(patch, birthday);
  } else if (before.birthdayCalendar !== 'solar' || !same(full.birthday, before.birthday)) Object.assign(patch, birthday);
  for (const k of ['email', 'address', 'cardNo', 'sourceChannel', 'goals', 'notes'] as const) if (!same(full[k], before[k])) patch[k] = full[k];
  if (full.homeStoreId && full.homeStoreId !== before.homeStoreId) patch.homeStoreId = full.homeStoreId;
  if (!same(full.referrerMemberId, before.referrerMemberId) || (!full.referrerMemberId && !same(full.referrerName, before.referrerName))) {
    patch.referrerMemberId = full.referrerMemberId;
    patch.referrerName = full.referrerName;
  }
  if (!same(full.tags, before.tags)) patch.tags = full.tags;
  if (!same(full.interests, before.interests)) patch.interests = full.interests;
  if (Object.keys(customFields).length) patch.customFields = customFields;
  if (!same(full.emergencyContact, before.emergencyContact)) patch.emergencyContact = full.emergencyContact;
  return patch;
}

/** Errors the server ties to one field without a field list (mobile / card number taken …). */
const CODE_FIELD: Record<string, string> = {
  MEMBER_MOBILE_TAKEN: 'mobile',
  MEMBER_CARD_TAKEN: 'cardNo',
  MEMBER_REFERRER_NOT_FOUND: 'referrerMemberId',
  MEMBER_HOME_STORE_REQUIRED: 'homeStoreId',
};

export default function MemberFormPage() {
  const t = useT();
  const { locale } = useLocale();
  const { memberId } = useParams();
  const navigate = useNavigate();
  const { currentStore } = useSession();
  const showError = useApiError();
  const meta = useMemberMeta();
  const [form] = Form.useForm<Values>();
  const [member, setMember] = useState<Member | null>(null);
  const [loading, setLoading] = useState(!!memberId);
  const [saving, setSaving] = useState(false);
  // Which button submitted (Enter in a field is the main button): read when the form is valid.
  const afterSaveRef = useRef<'open' | 'addChild'>('open');
  const [afterSave, setAfterSaveState] = useState<'open' | 'addChild'>('open');
  const setAfterSave = (v: 'open' | 'addChild') => {
    afterSaveRef.current = v;
    setAfterSaveState(v);
  };
  const calendar = Form.useWatch('birthdayCalendar', form) ?? 'solar';
  const referrerId = Form.useWatch('referrerMemberId', form);

  useEffect(() => {
    if (!memberId) return;
    let live = true;
    call(api.GET('/api/v1/members/{memberId}', { params: { path: { memberId } } }))
      .then((m) => {
        if (!live) return;
        setMember(m);
        setLoading(false);
      })
      .catch((err) => {
        if (live) showError(err);
      });
    return () => {
      live = false;
    };
  }, [memberId, showError]);

  const initial = useMemo(() => toValues(member, meta.fields, currentStore?.id), [member, meta.fields, currentStore?.id]);
  useEffect(() => {
    if (!loading && !meta.loading) form.setFieldsValue(initial);
  }, [form, initial, loading, meta.loading]);

  async function save(v: Values) {
    setSaving(true);
    try {
      const body = toBody(v, meta.activeFields, member);
      if (member) {
        if (Object.keys(body).length > 0) await call(api.PATCH('/api/v1/members/{memberId}', { params: { path: { memberId: member.id } }, body }));
        navigate(`/members/${member.id}`, { replace: true });
      } else {
        const created = await call(api.POST('/api/v1/members', { body: body as MemberCreate }));
        navigate(afterSaveRef.current === 'addChild' ? `/members/${created.id}?tab=family&addChild=1` : `/members/${created.id}`, { replace: true });
      }
    } catch (err) {
      const field = err instanceof ApiError ? CODE_FIELD[err.code] : undefined;
      if (field && err instanceof ApiError) {
        form.setFields([{ name: field, errors: [err.message] }]);
        form.scrollToField(field);
      } else showError(err, form);
    } finally {
      setSaving(false);
      setAfterSave('open');
    }
  }

  if (loading || meta.loading) return <Spin style={{ display: 'block', margin: 48 }} />;
  const title = member ? t('members.edit', { name: member.name }) : t('members.new');
  const label = (d: CustomField) => (locale === 'en' ? d.labelEn : d.labelZh);

  return (
    <Card
      title={
        <Space>
          <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label={t('members.back')} />
          {title}
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void save(v)}
        onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name)}
        style={{ maxWidth: 1100 }}
        data-testid="member-form"
        scrollToFirstError
      >
        <Typography.Title level={5}>{t('members.form.basic')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="name" label={t('members.field.name')} rules={[requiredRule(t), maxRule(t, 50)]}>
              <Input autoFocus maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item
              name="mobile"
              label={t('members.field.mobile')}
              rules={[...(member?.isMobileMasked ? [] : [{ required: true, whitespace: true, message: t('form.required') }]), mobileRule(t)]}
              extra={member?.isMobileMasked ? t('members.form.mobileMasked', { mobile: member.mobile ?? '' }) : undefined}
            >
              <Input inputMode="tel" maxLength={20} autoComplete="off" placeholder={member?.isMobileMasked ? (member.mobile ?? '') : '13800138000'} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="gender" label={t('members.field.gender')}>
              <Radio.Group optionType="button" options={(['female', 'male', 'unknown'] as const).map((g) => ({ value: g, label: t(GENDER_LABEL[g]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item
              label={
                <Space size={8}>
                  {t('members.field.birthday')}
                  <Form.Item name="birthdayCalendar" noStyle>
                    <Segmented
                      size="small"
                      options={[
                        { value: 'solar', label: t('members.birthday.solar') },
                        { value: 'lunar', label: t('members.birthday.lunar') },
                      ]}
                    />
                  </Form.Item>
                </Space>
              }
              required={false}
              style={{ marginBottom: 0 }}
            >
              {calendar === 'solar' ? (
                <Form.Item name="birthday" rules={[notFutureRule(t)]}>
                  <DatePicker style={{ width: '100%' }} disabledDate={notFutureDate} placeholder="YYYY-MM-DD" aria-label={t('members.field.birthday')} />
                </Form.Item>
              ) : (
                <Space.Compact style={{ width: '100%', marginBottom: 24 }}>
                  <Form.Item name={['lunarBirthday', 'year']} noStyle rules={[{ type: 'number', min: 1900, max: dayjs().year(), message: t('members.v.lunarYear') }]}>
                    <InputNumber placeholder={t('members.lunar.year')} min={1900} max={dayjs().year()} style={{ width: '34%' }} aria-label={t('members.lunar.year')} />
                  </Form.Item>
                  <Form.Item name={['lunarBirthday', 'month']} noStyle>
                    <Select
                      placeholder={t('members.lunar.month')}
                      style={{ width: '33%' }}
                      aria-label={t('members.lunar.month')}
                      options={LUNAR_MONTHS_ZH.map((m, i) => ({ value: i + 1, label: locale === 'en' ? String(i + 1) : m }))}
                    />
                  </Form.Item>
                  <Form.Item name={['lunarBirthday', 'day']} noStyle>
                    <Select
                      placeholder={t('members.lunar.day')}
                      style={{ width: '33%' }}
                      aria-label={t('members.lunar.day')}
                      options={LUNAR_DAYS_ZH.map((d, i) => ({ value: i + 1, label: locale === 'en' ? String(i + 1) : d }))}
                    />
                  </Form.Item>
                </Space.Compact>
              )}
              {calendar === 'lunar' && (
                <Form.Item name={['lunarBirthday', 'isLeapMonth']} valuePropName="checked" style={{ marginTop: -16 }}>
                  <Checkbox>{t('members.lunar.leap')}</Checkbox>
                </Form.Item>
              )}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="email" label={t('members.field.email')} rules={[emailRule(t), maxRule(t, 254)]}>
              <Input maxLength={254} autoComplete="off" inputMode="email" />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="address" label={t('members.field.address')} rules={[maxRule(t, 200)]}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('members.form.membership')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="homeStoreId" label={t('members.field.homeStore')} rules={[{ required: true, message: t('form.required') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={storeOptions(t, meta.stores)} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="cardNo" label={t('members.field.cardNo')} rules={[maxRule(t, 40), { pattern: /^[A-Za-z0-9 -]*$/, message: t('members.v.cardNo') }]} extra={t('members.form.cardNo.hint')}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="sourceChannel" label={t('members.field.sourceChannel')} rules={[maxRule(t, 30)]}>
              <AutoComplete options={meta.facets.sourceChannels.map((s) => ({ value: s.value }))} filterOption placeholder={t('members.form.source.placeholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="referrerMemberId" label={t('members.field.referrer')} extra={t('members.form.referrer.hint')}>
              <MemberPicker
                excludeId={member?.id}
                initial={member?.referrerMemberId ? { id: member.referrerMemberId, name: member.referrerName ?? '', memberNo: '' } : null}
                placeholder={t('members.form.referrer.placeholder')}
              />
            </Form.Item>
          </Col>
          {!referrerId && (
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="referrerName" label={t('members.form.referrerName')} rules={[maxRule(t, 50)]}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} lg={8}>
            <Form.Item
              name="tags"
              label={t('members.field.tags')}
              rules={[{ type: 'array', max: 30, message: t('members.v.tagsMax') }, { validator: (_, v?: string[]) => ((v ?? []).every((x) => x.trim().length <= 20) ? Promise.resolve() : Promise.reject(new Error(t('members.v.tagLength')))) }]}
            >
              <Select mode="tags" tokenSeparators={[',', ',', ' ']} options={meta.facets.tags.map((x) => ({ value: x.tag }))} placeholder={t('members.form.tags.placeholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="interests" label={t('members.field.interests')} rules={[{ type: 'array', max: 20, message: t('members.v.interestsMax') }]}>
              <Select mode="tags" tokenSeparators={[',', ',']} open={false} suffixIcon={null} placeholder={t('members.form.interests.placeholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="goals" label={t('members.field.goals')} rules={[maxRule(t, 500)]}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('members.field.notes')} rules={[maxRule(t, 2000)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        {meta.activeFields.length > 0 && (
          <>
            <Typography.Title level={5}>{t('members.form.custom')}</Typography.Title>
            <Row gutter={16}>
              {meta.activeFields.map((d) => (
                <Col key={d.key} xs={24} sm={12} lg={8}>
                  <Form.Item
                    name={['customFields', d.key]}
                    label={label(d)}
                    rules={[
                      ...(d.isRequired ? [{ required: true, message: t('form.required') }] : []),
                      ...(d.type === 'text' ? [maxRule(t, 500)] : []),
                    ]}
                  >
                    {d.type === 'number' ? (
                      <InputNumber style={{ width: '100%' }} />
                    ) : d.type === 'date' ? (
                      <DatePicker style={{ width: '100%' }} />
                    ) : d.type === 'choice' ? (
                      <Select allowClear options={d.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelZh }))} />
                    ) : (
                      <Input maxLength={500} />
                    )}
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </>
        )}

        <Typography.Title level={5}>{t('members.field.emergency')}</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item name={['emergencyContact', 'name']} label={t('members.family.contactName')} rules={[maxRule(t, 50)]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['emergencyContact', 'relation']} label={t('members.family.contactRelation')} rules={[maxRule(t, 20)]}>
              <Input maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name={['emergencyContact', 'mobile']} label={t('members.field.mobile')} rules={[mobileRule(t)]}>
              <Input inputMode="tel" maxLength={20} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>

        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving && afterSave === 'open'} onClick={() => setAfterSave('open')} data-testid="member-save">
            {member ? t('common.save') : t('members.form.create')}
          </Button>
          {!member && (
            <Button htmlType="submit" loading={saving && afterSave === 'addChild'} onClick={() => setAfterSave('addChild')} data-testid="member-save-add-child">
              {t('members.form.createAddChild')}
            </Button>
          )}
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
