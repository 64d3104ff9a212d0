// Add or edit a child / dependent. For a child under 14 the guardian's separate consent (PIPL
// art. 31) is part of the same step: the consent text is shown, the desk confirms the guardian
// agreed, and the server records who consented, when and to which text version.
import { Alert, AutoComplete, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { GENDER_LABEL, ageOn } from '../format';
import type { ConsentText, Dependent, Gender, Member } from '../types';
import { maxRule, notFutureDate, notFutureRule, requiredRule } from '../validation';

interface Values {
  name: string;
  gender?: Gender | null;
  birthday?: Dayjs;
  allergies?: string;
  specialNeeds?: string;
  school?: string;
  className?: string;
  notes?: string;
  relation?: string;
  isPrimary?: boolean;
  consentAgreed?: boolean;
  grantedByName?: string;
  channel?: 'desk' | 'paper';
}

export const RELATIONS_ZH = ['妈妈', '爸爸', '奶奶', '爷爷', '外婆', '外公', '其他监护人'];

function blank(v: string | undefined): string | null {
  const s = v?.trim();
  return s ? s : null;
}

/** The newest version of a kind of consent text. */
export function latestText(texts: ConsentText[], kind: ConsentText['kind']): ConsentText | null {
  return texts.filter((x) => x.kind === kind).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1) ?? null;
}

export function useConsentTexts(): ConsentText[] {
  const [texts, setTexts] = useState<ConsentText[]>([]);
  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/consent-texts'))
      .then((r) => live && setTexts(r.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return texts;
}

export function ConsentTextBox({ text }: { text: ConsentText }) {
  const t = useT();
  return (
    <div style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', maxHeight: 140, overflow: 'auto', marginBottom: 12 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('members.consent.version', { version: text.version })}
      </Typography.Text>
      <Typography.Paragraph style={{ margin: '4px 0 0', fontSize: 13, whiteSpace: 'pre-wrap' }} data-testid="consent-text">
        {text.body}
      </Typography.Paragraph>
    </div>
  );
}

export function DependentModal(props: { member: Member; dependent: Dependent | null; onClose(): void; onSaved(d: Dependent): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const texts = useConsentTexts();
  const childText = latestText(texts, 'child');
  const d = props.dependent;
  const birthday = Form.useWatch('birthday', form);
  const under14 = !!birthday && ageOn(birthday.format('YYYY-MM-DD')) < 14;
  const needsConsent = under14 && !(d?.hasChildConsent ?? false);

  async function save(v: Values) {
    if (needsConsent && !childText) return;
    setSaving(true);
    const consent = needsConsent && childText ? { textId: childText.id, grantedByName: blank(v.grantedByName) ?? undefined, channel: v.channel ?? 'desk' } : undefined;
    const common = {
      name: v.name.trim(),
      gender: v.gender ?? null,
      birthday: v.birthday!.format('YYYY-MM-DD'),
      allergies: blank(v.allergies),
      specialNeeds: blank(v.specialNeeds),
      school: blank(v.school),
      className: blank(v.className),
      notes: blank(v.notes),
      ...(consent ? { consent } : {}),
    };
    try {
      const saved = d
        ? await call(api.PATCH('/api/v1/dependents/{dependentId}', { params: { path: { dependentId: d.id } }, body: common }))
        : await call(
            api.POST('/api/v1/members/{memberId}/dependents', {
              params: { path: { memberId: props.member.id } },
              body: { ...common, relation: v.relation!.trim(), isPrimary: v.isPrimary ?? true },
            }),
          );
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<Values> = d
    ? {
        name: d.name,
        gender: d.gender,
        birthday: dayjs(d.birthday),
        allergies: d.allergies ?? '',
        specialNeeds: d.specialNeeds ?? '',
        school: d.school ?? '',
        className: d.className ?? '',
        notes: d.notes ?? '',
        grantedByName: props.member.name,
        channel: 'desk',
      }
    : { isPrimary: true, grantedByName: props.member.name, channel: 'desk' };

  return (
    <Modal
      open
      title={d ? t('members.family.editChild', { name: d.name }) : t('members.family.addChild')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={680}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('members.family.childName')} rules={[requiredRule(t), maxRule(t, 50)]}>
              <Input autoFocus maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="birthday" label={t('members.field.birthday')} rules={[{ required: true, message: t('form.required') }, notFutureRule(t)]}>
              <DatePicker style={{ width: '100%' }} disabledDate={notFutureDate} placeholder="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="gender" label={t('members.field.gender')}>
              <Select allowClear options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(GENDER_LABEL[g]) }))} />
            </Form.Item>
          </Col>
          {!d && (
            <>
              <Col xs={16} sm={12}>
                <Form.Item
                  name="relation"
                  label={t('members.family.relation', { name: props.member.name })}
                  rules={[requiredRule(t), maxRule(t, 20)]}
                >
                  <AutoComplete options={RELATIONS_ZH.map((r) => ({ value: r }))} placeholder={t('members.family.relation.placeholder')} filterOption />
                </Form.Item>
              </Col>
              <Col xs={8} sm={12}>
                <Form.Item name="isPrimary" label={t('members.family.primary')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={24}>
            <Form.Item name="allergies" label={t('members.family.allergies')} extra={t('members.family.allergies.hint')} rules={[maxRule(t, 500)]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} placeholder={t('members.family.allergies.placeholder')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="specialNeeds" label={t('members.family.specialNeeds')} rules={[maxRule(t, 500)]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="school" label={t('members.family.school')} rules={[maxRule(t, 60)]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="className" label={t('members.family.className')} rules={[maxRule(t, 60)]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={t('members.field.notes')} rules={[maxRule(t, 1000)]}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
        {needsConsent && (
          <div data-testid="child-consent">
            <Alert type="info" showIcon title={t('members.consent.childRequired')} style={{ marginBottom: 12 }} />
            {childText ? <ConsentTextBox text={childText} /> : <Alert type="warning" title={t('members.consent.noText')} />}
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="grantedByName" label={t('members.consent.grantedBy')} rules={[requiredRule(t)]}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
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
            <Form.Item
              name="consentAgreed"
              valuePropName="checked"
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('members.consent.mustAgree')))) }]}
            >
              <Checkbox>{t('members.consent.childAgree')}</Checkbox>
            </Form.Item>
          </div>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
