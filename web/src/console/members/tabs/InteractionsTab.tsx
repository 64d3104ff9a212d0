// Interactions: consultations, complaints and suggestions (status, owner, resolution,
// follow-up date), return visits — newest first, by kind; and the member's important dates.
import { CalendarOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, DatePicker, Empty, Form, Input, Modal, Popconfirm, Radio, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { CursorPagination, useCursorList } from '../../components/CursorPager';
import { EnterSubmits } from '../../components/EnterSubmits';
import { useApiError } from '../../errors';
import { formatTime } from '../../format';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import { ListRow } from '../bits';
import { INTERACTION_KIND_LABEL, INTERACTION_STATUS_COLOR, INTERACTION_STATUS_LABEL, channelLabel, today } from '../format';
import type { MemberTabContext } from '../memberTabs';
import type { ImportantDate, Interaction, InteractionKind, Member } from '../types';
import { maxRule, requiredRule } from '../validation';
import { InteractionModal } from './InteractionModal';

const KIND_COLOR: Record<InteractionKind, string> = { consultation: 'blue', complaint: 'red', suggestion: 'gold', visit: 'cyan' };

export function InteractionStatusTag({ i }: { i: Pick<Interaction, 'status'> }) {
  const t = useT();
  if (!i.status) return null;
  return <Tag color={INTERACTION_STATUS_COLOR[i.status]}>{t(INTERACTION_STATUS_LABEL[i.status])}</Tag>;
}

export function FollowUpText({ date, resolved }: { date: string | null; resolved?: boolean }) {
  const t = useT();
  if (!date) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = !resolved && date < today();
  const due = !resolved && date === today();
  return (
    <Typography.Text type={overdue ? 'danger' : due ? 'warning' : undefined}>
      {date}
      {overdue ? ` · ${t('crm.overdue')}` : due ? ` · ${t('crm.dueToday')}` : ''}
    </Typography.Text>
  );
}

export default function InteractionsTab({ member: m }: { member: Member; ctx: MemberTabContext }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const [kind, setKind] = useState<InteractionKind | 'all'>('all');
  const [editing, setEditing] = useState<Interaction | 'new' | null>(null);
  const writable = can('member.write') && !m.erasedAt;

  const list = useCursorList(
    (cursor) =>
      call(
        api.GET('/api/v1/members/{memberId}/interactions', {
          params: { path: { memberId: m.id }, query: { limit: 20, ...(kind !== 'all' ? { kind } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [m.id, kind],
  );

  return (
    <div style={{ display: 'grid', gap: 24 }}>
      <section>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 12 }}>
          <Segmented<InteractionKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: t('common.all') },
              ...(['consultation', 'complaint', 'suggestion', 'visit'] as const).map((k) => ({ value: k, label: t(INTERACTION_KIND_LABEL[k]) })),
            ]}
          />
          {writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('crm.new')}
            </Button>
          )}
        </div>
        <Table<Interaction>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('crm.none') }}
          columns={[
            { title: t('crm.occurredAt'), dataIndex: 'occurredAt', width: 140, render: (v: string) => formatTime(v) },
            {
              title: t('crm.kind'),
              key: 'kind',
              width: 150,
              render: (_: unknown, i: Interaction) => (
                <Space size={4} wrap>
                  <Tag color={KIND_COLOR[i.kind]}>{t(INTERACTION_KIND_LABEL[i.kind])}</Tag>
                  <InteractionStatusTag i={i} />
                </Space>
              ),
            },
            {
              title: t('crm.content'),
              key: 'content',
              render: (_: unknown, i: Interaction) => (
                <div>
                  {i.subject && <Typography.Text strong>{i.subject}</Typography.Text>}
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 3, expandable: 'collapsible' }}>
                    {i.content}
                  </Typography.Paragraph>
                  {i.resolution && (
                    <Typography.Paragraph type="success" style={{ margin: '4px 0 0' }}>
                      {t('crm.resolutionIs', { text: i.resolution })}
                    </Typography.Paragraph>
                  )}
                </div>
              ),
            },
            { title: t('crm.channel'), dataIndex: 'channel', width: 80, render: (v: string | null) => channelLabel(t, v) },
            { title: t('crm.owner'), dataIndex: 'ownerName', width: 100, render: (v: string | null) => v ?? '—' },
            { title: t('crm.followUpDate'), key: 'followUp', width: 150, render: (_: unknown, i: Interaction) => <FollowUpText date={i.followUpDate} resolved={i.status === 'resolved'} /> },
            { title: t('crm.recordedBy'), dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
            ...(writable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 90,
                    fixed: 'right' as const,
                    render: (_: unknown, i: Interaction) => (
                      <Button size="small" type="link" onClick={() => setEditing(i)}>
                        {i.status && i.status !== 'resolved' ? t('crm.handle') : t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <CursorPagination list={list} />
      </section>
      <ImportantDates member={m} writable={writable} />
      {editing && (
        <InteractionModal
          memberId={m.id}
          interaction={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            const wasNew = editing === 'new';
            setEditing(null);
            message.success(t('common.saved'));
            if (wasNew) list.reset();
            else list.reload();
          }}
        />
      )}
    </div>
  );
}

function ImportantDates({ member: m, writable }: { member: Member; writable: boolean }) {
  const t = useT();
  const showError = useApiError();
  const [items, setItems] = useState<ImportantDate[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ kind: 'anniversary' | 'custom'; label: string; date: Dayjs; isRecurring: boolean }>();

  const load = useCallback(async () => {
    try {
      setItems((await call(api.GET('/api/v1/members/{memberId}/important-dates', { params: { path: { memberId: m.id } } }))).items);
    } catch (err) {
      showError(err);
    }
  }, [m.id, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  async function remove(d: ImportantDate) {
    try {
      await call(api.DELETE('/api/v1/important-dates/{dateId}', { params: { path: { dateId: d.id } } }));
      void load();
    } catch (err) {
      showError(err);
    }
  }

  const birthdayLine = m.birthday ? t('crm.dates.birthday', { date: m.birthday }) : null;

  return (
    <section>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          <CalendarOutlined /> {t('crm.dates.title')}
        </Typography.Title>
        {writable && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('crm.dates.add')}
          </Button>
        )}
      </div>
      {birthdayLine && <Typography.Paragraph type="secondary">{birthdayLine}</Typography.Paragraph>}
      {!items ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crm.dates.none')} />
      ) : (
        items.map((d) => (
          <ListRow
            key={d.id}
            title={
              <Space>
                <Typography.Text strong>{d.label}</Typography.Text>
                <Typography.Text>{d.date}</Typography.Text>
                <Tag>{d.isRecurring ? t('crm.dates.yearly') : t('crm.dates.once')}</Tag>
              </Space>
            }
            actions={
              writable && (
                <Popconfirm title={t('crm.dates.removeConfirm', { label: d.label })} onConfirm={() => remove(d)}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              )
            }
          />
        ))
      )}
      {adding && (
        <Modal
          open
          title={t('crm.dates.add')}
          okText={t('common.save')}
          cancelText={t('common.cancel')}
          onOk={() => form.submit()}
          onCancel={() => setAdding(false)}
          destroyOnHidden
        >
          <Form
            form={form}
            layout="vertical"
            initialValues={{ kind: 'anniversary', isRecurring: true }}
            onFinish={async (v) => {
              try {
                await call(
                  api.POST('/api/v1/members/{memberId}/important-dates', {
                    params: { path: { memberId: m.id } },
                    body: { kind: v.kind, label: v.label.trim(), date: v.date.format('YYYY-MM-DD'), isRecurring: v.isRecurring },
                  }),
                );
                setAdding(false);
                form.resetFields();
                void load();
              } catch (err) {
                showError(err, form);
              }
            }}
          >
            <Form.Item name="kind" label={t('crm.kind')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'anniversary', label: t('crm.dates.anniversary') },
                  { value: 'custom', label: t('crm.dates.custom') },
                ]}
              />
            </Form.Item>
            <Form.Item name="label" label={t('crm.dates.label')} rules={[requiredRule(t), maxRule(t, 40)]}>
              <Input autoFocus maxLength={40} placeholder={t('crm.dates.label.placeholder')} />
            </Form.Item>
            <Form.Item name="date" label={t('crm.dates.date')} rules={[{ required: true, message: t('form.required') }]}>
              <DatePicker style={{ width: '100%' }} defaultPickerValue={dayjs()} />
            </Form.Item>
            <Form.Item name="isRecurring" valuePropName="checked">
              <Checkbox>{t('crm.dates.recurring')}</Checkbox>
            </Form.Item>
            <EnterSubmits />
          </Form>
        </Modal>
      )}
    </section>
  );
}
