// The family members (or the holder's children) who may use a card, with optional limits.
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { MemberPicker } from '../../members/MemberPicker';
import type { DialogProps } from './shared';

export function FamilyDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ userId: string | null; relation?: string; maxSessions?: number | null }>();
  const [saving, setSaving] = useState(false);
  const [who, setWho] = useState<'member' | 'child'>('member');
  const [children, setChildren] = useState<{ id: string; name: string }[]>([]);
  const policy = card.terms.family as { isAllowed: boolean; maxMembers: number } | undefined;

  useEffect(() => {
    // The holder's own children (dep_…) may be named too.
    call(api.GET('/api/v1/members/{memberId}/family', { params: { path: { memberId: card.memberId } } }))
      .then((f) => setChildren(f.dependents.map((d) => ({ id: d.id, name: d.name }))))
      .catch(() => setChildren([]));
  }, [card.memberId]);

  async function add(v: { userId: string | null; relation?: string; maxSessions?: number | null }) {
    if (!v.userId) return;
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/family-members', { params: { path: { cardId: card.id } }, body: { userId: v.userId, relation: v.relation?.trim() || null, maxSessions: v.maxSessions ?? null } }));
      form.resetFields();
      onDone(r, t('cards.family.added'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  function remove(userId: string, name: string | null) {
    modal.confirm({
      title: t('cards.family.removeConfirm', { name: name ?? userId }),
      okText: t('cards.family.remove'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const r = await call(api.DELETE('/api/v1/member-cards/{cardId}/family-members/{userId}', { params: { path: { cardId: card.id, userId } } }));
          onDone(r, t('cards.family.removed'));
        } catch (err) {
          showError(err);
        }
      },
    });
  }

  return (
    <Modal open title={t('cards.family.title', { name: card.name })} onCancel={onClose} footer={<Button onClick={onClose}>{t('cards.close')}</Button>} width={600}>
      {!policy?.isAllowed && <Alert type="info" showIcon title={t('cards.family.notAllowed')} style={{ marginBottom: 12 }} />}
      {card.family.length > 0 ? (
        <ul style={{ paddingInlineStart: 20 }}>
          {card.family.map((f) => (
            <li key={f.userId} style={{ marginBottom: 4 }}>
              <Space>
                <span>{f.name ?? f.userId}</span>
                {f.relation && <Typography.Text type="secondary">{f.relation}</Typography.Text>}
                <Typography.Text type="secondary">{f.maxSessions === null ? t('cards.family.noLimit', { used: f.sessionsUsed }) : t('cards.family.limit', { used: f.sessionsUsed, max: f.maxSessions })}</Typography.Text>
                <Button size="small" type="link" danger onClick={() => remove(f.userId, f.name)}>
                  {t('cards.family.remove')}
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary">{t('cards.family.empty')}</Typography.Paragraph>
      )}
      {policy?.isAllowed && card.family.length >= policy.maxMembers && <Typography.Text type="secondary">{t('cards.family.full', { max: policy.maxMembers })}</Typography.Text>}
      {policy?.isAllowed && card.family.length < policy.maxMembers && (
        <Form form={form} layout="vertical" onFinish={add}>
          <Typography.Text strong>{t('cards.family.add', { max: policy.maxMembers })}</Typography.Text>
          {children.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Radio.Group
                value={who}
                onChange={(e) => {
                  setWho(e.target.value);
                  form.setFieldValue('userId', null);
                }}
                options={[
                  { value: 'member', label: t('cards.family.aMember') },
                  { value: 'child', label: t('cards.family.aChild') },
                ]}
              />
            </div>
          )}
          <Form.Item name="userId" label={t(who === 'child' ? 'cards.family.child' : 'cards.family.member')} rules={[{ required: true, message: t('cards.required') }]} style={{ marginTop: 8 }}>
            {who === 'child' ? <Select options={children.map((c) => ({ value: c.id, label: c.name }))} /> : <MemberPicker excludeId={card.memberId} />}
          </Form.Item>
          <Space size={16} align="start">
            <Form.Item name="relation" label={t('cards.family.relation')}>
              <Input maxLength={20} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="maxSessions" label={t('cards.family.maxSessions')}>
              <InputNumber min={0} max={10000} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <div>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('cards.family.addButton')}
            </Button>
          </div>
        </Form>
      )}
    </Modal>
  );
}
