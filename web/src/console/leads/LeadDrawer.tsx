// One lead: details, the member with the same mobile (if any), its history, and what can be
// done next — log a follow-up, move it along, mark it lost, convert it, edit it.
import { CheckCircleOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';
import { MobileText } from '../members/bits';
import { genderLabel } from '../members/format';
import type { LeadDetail, LeadStatus } from '../members/types';
import { useMemberMeta } from '../members/useMemberMeta';
import { FollowUpText } from '../members/tabs/InteractionsTab';
import { maxRule, requiredRule } from '../members/validation';
import { ConvertModal, LeadFormModal, MoveModal } from './LeadModals';
import { PIPELINE, STATUS_COLOR, STATUS_LABEL, canMove, isOpen } from './lead-format';

export function LeadDrawer(props: { leadId: string; onClose(): void; onChanged(): void }) {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const showError = useApiError();
  const { message } = App.useApp();
  const meta = useMemberMeta();
  const [lead, setLead] = useState<LeadDetail | null>(null);
  const [moving, setMoving] = useState<LeadStatus | null>(null);
  const [editing, setEditing] = useState(false);
  const [converting, setConverting] = useState(false);
  const [noteForm] = Form.useForm<{ note: string; nextFollowUpDate?: Dayjs | null }>();
  const manage = can('lead.manage');

  const load = useCallback(async () => {
    try {
      setLead(await call(api.GET('/api/v1/leads/{leadId}', { params: { path: { leadId: props.leadId } } })));
    } catch (err) {
      showError(err);
    }
  }, [props.leadId, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = (l: LeadDetail) => {
    setLead(l);
    props.onChanged();
  };

  const l = lead;
  return (
    <Drawer open size={560} onClose={props.onClose} title={l ? l.name : t('leads.title')} destroyOnHidden data-testid="lead-drawer">
      {!l ? (
        <Spin />
      ) : (
        <div style={{ display: 'grid', gap: 16 }}>
          <Space wrap>
            <Tag color={STATUS_COLOR[l.status]}>{t(STATUS_LABEL[l.status])}</Tag>
            {l.lostReason && <Typography.Text type="danger">{t('leads.lostBecause', { reason: l.lostReason })}</Typography.Text>}
            {l.convertedMemberId && (
              <Link to={`/members/${l.convertedMemberId}`}>
                <CheckCircleOutlined /> {t('leads.openMember')}
              </Link>
            )}
          </Space>
          {l.existingMember && (
            <Alert
              type="info"
              showIcon
              title={t('leads.existingMember', { name: l.existingMember.name, memberNo: l.existingMember.memberNo })}
              action={<Link to={`/members/${l.existingMember.id}`}>{t('common.view')}</Link>}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: 110 } }}
            items={[
              { key: 'mobile', label: t('members.field.mobile'), children: <MobileText mobile={l.mobile} masked={l.isMobileMasked} /> },
              { key: 'gender', label: t('members.field.gender'), children: genderLabel(t, l.gender) },
              ...(l.childName || l.childBirthday ? [{ key: 'child', label: t('leads.field.childName'), children: [l.childName, l.childBirthday].filter(Boolean).join(' · ') }] : []),
              { key: 'interest', label: t('leads.field.interest'), children: l.interest ?? '—' },
              { key: 'source', label: t('members.field.sourceChannel'), children: l.sourceChannel ?? '—' },
              { key: 'store', label: t('leads.field.store'), children: meta.storeName(l.storeId) },
              { key: 'owner', label: t('leads.field.owner'), children: l.ownerName ?? '—' },
              { key: 'next', label: t('leads.field.nextFollowUp'), children: <FollowUpText date={l.nextFollowUpDate} resolved={!isOpen(l.status)} /> },
              ...(l.trialAt ? [{ key: 'trial', label: t('leads.field.trialAt'), children: formatTime(l.trialAt) }] : []),
              { key: 'last', label: t('leads.field.lastContacted'), children: formatTime(l.lastContactedAt) },
              ...(l.notes ? [{ key: 'notes', label: t('members.field.notes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{l.notes}</span> }] : []),
              { key: 'created', label: t('common.createdAt'), children: formatTime(l.createdAt) },
            ]}
          />
          {manage && l.status !== 'converted' && (
            <Space wrap>
              {[...PIPELINE, 'lost' as const]
                .filter((s) => canMove(l.status, s))
                .map((s) => (
                  <Button key={s} danger={s === 'lost'} onClick={() => setMoving(s)}>
                    {s === 'lost' ? t('leads.markLost') : t('leads.moveTo', { status: t(STATUS_LABEL[s]) })}
                  </Button>
                ))}
              {isOpen(l.status) && (
                <Button type="primary" icon={<UserAddOutlined />} onClick={() => setConverting(true)} data-testid="lead-convert">
                  {t('leads.convert')}
                </Button>
              )}
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            </Space>
          )}
          {manage && isOpen(l.status) && (
            <Form
              form={noteForm}
              layout="vertical"
              onFinish={async (v) => {
                try {
                  changed(
                    await call(
                      api.POST('/api/v1/leads/{leadId}/notes', {
                        params: { path: { leadId: l.id } },
                        body: { note: v.note.trim(), ...(v.nextFollowUpDate !== undefined ? { nextFollowUpDate: v.nextFollowUpDate ? v.nextFollowUpDate.format('YYYY-MM-DD') : null } : {}) },
                      }),
                    ),
                  );
                  noteForm.resetFields();
                  message.success(t('leads.noteSaved'));
                } catch (err) {
                  showError(err, noteForm);
                }
              }}
              style={{ background: '#fafafa', padding: 12, borderRadius: 8 }}
            >
              <Form.Item name="note" label={t('leads.logFollowUp')} rules={[requiredRule(t), maxRule(t, 1000)]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={1000} placeholder={t('leads.logFollowUp.placeholder')} />
              </Form.Item>
              <Space align="end" wrap>
                <Form.Item name="nextFollowUpDate" label={t('leads.field.nextFollowUp')} style={{ marginBottom: 0 }}>
                  <DatePicker />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('leads.saveNote')}
                </Button>
              </Space>
            </Form>
          )}
          <div>
            <Typography.Title level={5}>{t('leads.history')}</Typography.Title>
            <Timeline
              items={[...l.events].reverse().map((e) => ({
                key: e.id,
                color: e.toStatus ? STATUS_COLOR[e.toStatus] : 'gray',
                content: (
                  <div>
                    <Typography.Text strong>
                      {e.kind === 'status' || e.kind === 'converted'
                        ? t('leads.event.moved', { to: e.toStatus ? t(STATUS_LABEL[e.toStatus]) : '' })
                        : t(`leads.event.${e.kind}` as 'leads.event.created')}
                    </Typography.Text>
                    {e.note && <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(e.occurredAt)}
                        {e.actorName ? ` · ${t('timeline.by', { name: e.actorName })}` : ''}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              }))}
            />
          </div>
        </div>
      )}
      {l && moving && (
        <MoveModal
          lead={l}
          to={moving}
          onClose={() => setMoving(null)}
          onSaved={(x) => {
            setMoving(null);
            changed(x);
          }}
        />
      )}
      {l && editing && (
        <LeadFormModal
          lead={l}
          onClose={() => setEditing(false)}
          onSaved={(x) => {
            setEditing(false);
            changed(x);
          }}
        />
      )}
      {l && converting && (
        <ConvertModal
          lead={l}
          onClose={() => setConverting(false)}
          onConverted={(memberId) => {
            setConverting(false);
            props.onChanged();
            message.success(t('leads.converted'));
            navigate(`/members/${memberId}`);
          }}
        />
      )}
    </Drawer>
  );
}
