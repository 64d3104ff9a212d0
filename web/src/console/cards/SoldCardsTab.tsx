// Cards sold by the stores in the caller's scope (GET /member-cards): by status, product and
// "expires by", newest first — the desk's list for calling members whose cards run out.
import { Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import { yuan } from '../cashier/money';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { useT } from '../i18n';
import { KIND_COLOR, KIND_LABEL, STATUS_COLOR, sessionsText } from './format';
import type { CardProduct, CardStatus, MemberCard } from './types';

const STATUSES: CardStatus[] = ['pending', 'active', 'expiring', 'frozen', 'expired', 'transferred', 'refunded', 'cancelled'];

export function SoldCardsTab(props: { products: CardProduct[] }) {
  const t = useT();
  const [status, setStatus] = useState<CardStatus | undefined>();
  const [productId, setProductId] = useState<string | undefined>();
  const [expiresBefore, setExpiresBefore] = useState<Dayjs | null>(null);
  const list = useCursorList<MemberCard>(
    (cursor) =>
      call(api.GET('/api/v1/member-cards', { params: { query: { status, productId, expiresBefore: expiresBefore ? expiresBefore.format('YYYY-MM-DD') : undefined, cursor, limit: 50 } } })),
    [status, productId, expiresBefore?.format('YYYY-MM-DD')],
  );
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('cards.sold.status')} style={{ width: 150 }} value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: t(`cards.status.${s}`) }))} aria-label={t('cards.sold.status')} />
        <Select allowClear placeholder={t('cards.sold.product')} style={{ width: 200 }} value={productId} onChange={setProductId} options={props.products.map((p) => ({ value: p.id, label: p.name }))} aria-label={t('cards.sold.product')} />
        <DatePicker placeholder={t('cards.sold.expiresBefore')} value={expiresBefore} onChange={setExpiresBefore} aria-label={t('cards.sold.expiresBefore')} />
        {(status || productId || expiresBefore) && (
          <Button
            type="link"
            onClick={() => {
              setStatus(undefined);
              setProductId(undefined);
              setExpiresBefore(null);
            }}
          >
            {t('cards.sold.clear')}
          </Button>
        )}
      </Space>
      <Table<MemberCard>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        data-testid="sold-cards"
        columns={[
          { title: t('cards.sold.cardNo'), dataIndex: 'cardNo', width: 140 },
          {
            title: t('cards.sold.member'),
            render: (_v, c) => (
              <Link to={`/members/${c.memberId}?tab=cards`}>
                {c.memberName ?? '—'} <Typography.Text type="secondary">{c.memberNo ?? ''}</Typography.Text>
              </Link>
            ),
          },
          {
            title: t('cards.field.name'),
            render: (_v, c) => (
              <Space size={4}>
                {c.name}
                <Tag color={KIND_COLOR[c.kind]}>{t(KIND_LABEL[c.kind])}</Tag>
              </Space>
            ),
          },
          { title: t('cards.sold.statusCol'), width: 100, render: (_v, c) => <Tag color={STATUS_COLOR[c.status]}>{c.statusName}</Tag> },
          { title: t('cards.field.remaining'), width: 130, render: (_v, c) => sessionsText(t, c) },
          { title: t('cards.field.expiresOn'), width: 120, render: (_v, c) => c.validity.expiresOn ?? '—' },
          { title: t('cards.sold.paid'), width: 110, align: 'right', render: (_v, c) => yuan(c.paidAmount) },
          { title: t('cards.sold.soldOn'), dataIndex: 'soldOn', width: 110 },
        ]}
      />
      <CursorPagination list={list} />
    </>
  );
}
