// Family (早教): the member's children with allergies and special needs up front, school and
// class, guardians with their relation (a child can have two), who may pick the child up, and
// emergency contacts; the under-14 consent is shown and asked for where it is missing.
import { AlertOutlined, DeleteOutlined, EditOutlined, PhoneOutlined, PlusOutlined, SafetyCertificateOutlined, UserAddOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Radio, Row, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../api/client';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useLocale } from '../../../i18n/locale';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { MobileText } from '../bits';
import { MemberPicker } from '../MemberPicker';
import { ageOn, childAge, genderLabel } from '../format';
import type { MemberTabContext } from '../memberTabs';
import type { Dependent, Family, Member } from '../types';
import { DependentModal, RELATIONS_ZH } from './DependentModal';
import { maxRule, mobileRule, requiredRule } from '../validation';

export default function FamilyTab({ member: m }: { member: Member; ctx: MemberTabContext }) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [family, setFamily] = useState<Family | null>(null);
  const [editing, setEditing] = useState<Dependent | 'new' | null>(params.get('addChild') === '1' ? 'new' : null);
  const [guardianFor, setGuardianFor] = useState<Dependent | null>(null);
  const [contactFor, setContactFor] = useState<{ d: Dependent; kind: 'pickup' | 'emergency' } | null>(null);
  const writable = can('member.write') && !m.erasedAt;

  const load = useCallback(async () => {
    try {
      setFamily(await call(api.GET('/api/v1/members/{memberId}/family', { params: { path: { memberId: m.id } } })));
    } catch (err) {
      showError(err);
    }
  }, [m.id, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    // ?addChild=1 (from "save and add a child") opens the form once.
    if (params.get('addChild')) {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.delete('addChild');
          return next;
        },
        { replace: true },
      );
    }
  }, []);

  async function removeGuardian(d: Dependent, memberId: string) {
    try {
      await call(api.DELETE('/api/v1/dependents/{dependentId}/guardians/{memberId}', { params: { path: { dependentId: d.id, memberId } } }));
      void load();
    } catch (err) {
      showError(err);
    }
  }

  async function removeContact(d: Dependent, contactId: string) {
    try {
      await call(api.DELETE('/api/v1/dependents/{dependentId}/contacts/{contactId}', { params: { path: { dependentId: d.id, contactId } } }));
      void load();
    } catch (err) {
      showError(err);
    }
  }

  if (!family) return <Spin style={{ display: 'block', margin: 32 }} />;

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Space size={8} wrap>
          <Typography.Text type="secondary">{t('members.family.memberEmergency')}:</Typography.Text>
          {family.emergencyContact ? (
            <Typography.Text>
              {[family.emergencyContact.name, family.emergencyContact.relation, family.emergencyContact.mobile].filter(Boolean).join(' · ')}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">{t('members.family.noEmergency')}</Typography.Text>
          )}
        </Space>
        {writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-child">
            {t('members.family.addChild')}
          </Button>
        )}
      </div>
      {family.dependents.length === 0 ? (
        <Empty description={t('members.family.none')} />
      ) : (
        <Row gutter={[16, 16]}>
          {family.dependents.map((d) => {
            const under14 = ageOn(d.birthday) < 14;
            const pickups = d.contacts.filter((c) => c.kind === 'pickup');
            const emergencies = d.contacts.filter((c) => c.kind === 'emergency');
            return (
              <Col key={d.id} xs={24} xl={12}>
                <Card
                  size="small"
                  data-testid="child-card"
                  title={
                    <Space size={8} wrap>
                      <Typography.Text strong style={{ fontSize: 15 }}>
                        {d.name}
                      </Typography.Text>
                      <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                        {[d.gender ? genderLabel(t, d.gender) : null, childAge(t, d.birthday), d.birthday].filter(Boolean).join(' · ')}
                      </Typography.Text>
                    </Space>
                  }
                  extra={
                    writable && (
                      <Button size="small" type="text" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                        {t('common.edit')}
                      </Button>
                    )
                  }
                >
                  {d.allergies && (
                    <Alert type="error" showIcon icon={<AlertOutlined />} title={t('members.family.allergiesIs', { text: d.allergies })} style={{ marginBottom: 8 }} data-testid="child-allergies" />
                  )}
                  {d.specialNeeds && <Alert type="warning" showIcon icon={<WarningOutlined />} title={t('members.family.specialNeedsIs', { text: d.specialNeeds })} style={{ marginBottom: 8 }} />}
                  {under14 && !d.hasChildConsent && (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('members.consent.childMissing')}
                      action={
                        writable && (
                          <Button size="small" onClick={() => setEditing(d)}>
                            {t('members.consent.record')}
                          </Button>
                        )
                      }
                      style={{ marginBottom: 8 }}
                    />
                  )}
                  <Descriptions
                    size="small"
                    column={1}
                    styles={{ label: { width: locale === 'en' ? 168 : 112, whiteSpace: 'nowrap' } }}
                    items={[
                      { key: 'school', label: t('members.family.schoolClass'), children: [d.school, d.className].filter(Boolean).join(' · ') || '—' },
                      ...(d.notes ? [{ key: 'notes', label: t('members.field.notes'), children: d.notes }] : []),
                      {
                        key: 'guardians',
                        label: t('members.family.guardians'),
                        children: (
                          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                            {d.guardians.map((g) => (
                              <Space key={g.memberId} size={6} wrap>
                                {g.memberId === m.id ? <Typography.Text>{g.name}</Typography.Text> : <Link to={`/members/${g.memberId}`}>{g.name}</Link>}
                                <Tag>{g.relation}</Tag>
                                {g.isPrimary && <Tag color="blue">{t('members.family.primary')}</Tag>}
                                <MobileText mobile={g.mobile} masked={g.isMobileMasked} />
                                {writable && d.guardians.length > 1 && (
                                  <Popconfirm title={t('members.family.removeGuardian', { name: g.name })} onConfirm={() => removeGuardian(d, g.memberId)}>
                                    <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                                  </Popconfirm>
                                )}
                              </Space>
                            ))}
                            {writable && (
                              <Button size="small" type="link" icon={<UserAddOutlined />} style={{ padding: 0 }} onClick={() => setGuardianFor(d)}>
                                {t('members.family.addGuardian')}
                              </Button>
                            )}
                          </Space>
                        ),
                      },
                      {
                        key: 'pickup',
                        label: t('members.family.pickups'),
                        children: (
                          <ContactList
                            contacts={pickups}
                            writable={writable}
                            onRemove={(id) => removeContact(d, id)}
                            onAdd={() => setContactFor({ d, kind: 'pickup' })}
                            addLabel={t('members.family.addPickup')}
                          />
                        ),
                      },
                      {
                        key: 'emergency',
                        label: t('members.family.emergency'),
                        children: (
                          <ContactList
                            contacts={emergencies}
                            writable={writable}
                            onRemove={(id) => removeContact(d, id)}
                            onAdd={() => setContactFor({ d, kind: 'emergency' })}
                            addLabel={t('members.family.addEmergency')}
                          />
                        ),
                      },
                      {
                        key: 'consent',
                        label: t('members.consent.child'),
                        children: d.hasChildConsent ? (
                          <Tag color="green" icon={<SafetyCertificateOutlined />}>
                            {t('members.consent.onFile')}
                          </Tag>
                        ) : under14 ? (
                          <Tag color="orange">{t('members.consent.missing')}</Tag>
                        ) : (
                          <Typography.Text type="secondary">{t('members.consent.notNeeded')}</Typography.Text>
                        ),
                      },
                    ]}
                  />
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      {editing && (
        <DependentModal
          member={m}
          dependent={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(d) => {
            setEditing(null);
            message.success(t('members.family.saved', { name: d.name }));
            void load();
          }}
        />
      )}
      {guardianFor && (
        <GuardianModal
          dependent={guardianFor}
          onClose={() => setGuardianFor(null)}
          onSaved={() => {
            setGuardianFor(null);
            void load();
          }}
        />
      )}
      {contactFor && (
        <ContactModal
          dependent={contactFor.d}
          kind={contactFor.kind}
          onClose={() => setContactFor(null)}
          onSaved={() => {
            setContactFor(null);
            void load();
          }}
        />
      )}
    </div>
  );
}

function ContactList(props: { contacts: Dependent['contacts']; writable: boolean; onRemove(id: string): void; onAdd(): void; addLabel: string }) {
  const t = useT();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {props.contacts.length === 0 && !props.writable && <Typography.Text type="secondary">—</Typography.Text>}
      {props.contacts.map((c) => (
        <Space key={c.id} size={6} wrap>
          <Typography.Text>{c.name}</Typography.Text>
          {c.relation && <Tag>{c.relation}</Tag>}
          {c.mobile && (
            <Typography.Text type="secondary">
              <PhoneOutlined /> {c.mobile}
            </Typography.Text>
          )}
          {props.writable && (
            <Popconfirm title={t('members.family.removeContact', { name: c.name })} onConfirm={() => props.onRemove(c.id)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          )}
        </Space>
      ))}
      {props.writable && (
        <Button size="small" type="link" icon={<PlusOutlined />} style={{ padding: 0 }} onClick={props.onAdd}>
          {props.addLabel}
        </Button>
      )}
    </Space>
  );
}

function GuardianModal(props: { dependent: Dependent; onClose(): void; onSaved(): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<{ memberId: string; relation: string; isPrimary: boolean }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('members.family.addGuardianTo', { name: props.dependent.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('members.family.guardianHint')} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ isPrimary: false }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            await call(api.POST('/api/v1/dependents/{dependentId}/guardians', { params: { path: { dependentId: props.dependent.id } }, body: { memberId: v.memberId, relation: v.relation.trim(), isPrimary: v.isPrimary } }));
            props.onSaved();
          } catch (err) {
            showError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="memberId" label={t('members.family.guardianMember')} rules={[{ required: true, message: t('form.required') }]}>
          <MemberPicker autoFocus />
        </Form.Item>
        <Form.Item name="relation" label={t('members.family.guardianRelation')} rules={[requiredRule(t), maxRule(t, 20)]}>
          <AutoComplete options={RELATIONS_ZH.map((r) => ({ value: r }))} filterOption />
        </Form.Item>
        <Form.Item name="isPrimary" label={t('members.family.primary')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

function ContactModal(props: { dependent: Dependent; kind: 'pickup' | 'emergency'; onClose(): void; onSaved(): void }) {
  const t = useT();
  const showError = useApiError();
  const [form] = Form.useForm<{ kind: 'pickup' | 'emergency'; name: string; relation?: string; mobile?: string }>();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      title={t('members.family.addContactTo', { name: props.dependent.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: props.kind }}
        onFinish={async (v) => {
          setSaving(true);
          try {
            await call(
              api.POST('/api/v1/dependents/{dependentId}/contacts', {
                params: { path: { dependentId: props.dependent.id } },
                body: { kind: v.kind, name: v.name.trim(), relation: v.relation?.trim() || null, mobile: v.mobile?.trim() || null },
              }),
            );
            props.onSaved();
          } catch (err) {
            showError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="kind" label={t('members.family.contactKind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'pickup', label: t('members.family.pickups') },
              { value: 'emergency', label: t('members.family.emergency') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('members.family.contactName')} rules={[requiredRule(t), maxRule(t, 50)]}>
          <Input autoFocus maxLength={50} />
        </Form.Item>
        <Form.Item name="relation" label={t('members.family.contactRelation')} rules={[maxRule(t, 20)]}>
          <AutoComplete options={RELATIONS_ZH.map((r) => ({ value: r }))} filterOption />
        </Form.Item>
        <Form.Item name="mobile" label={t('members.field.mobile')} rules={[mobileRule(t)]}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
