// The member page's "Bookings" tab: the member's class bookings (as booker or attendee),
// newest first, with their status.
import { Table } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import type { Member } from '../members/types';
import { DueCancelFees } from './DueCancelFees';
import { StatusTag } from './SessionDrawer';
import type { Booking } from './types';

export default function MemberBookingsTab({ member }: { member: Member }) {
  const t = useT();
  const showError = useApiError();
  const [items, setItems] = useState<Booking[] | null>(null);
  useEffect(() => {
    call(api.GET('/api/v1/bookings', { params: { query: { memberId: member.id, limit: 100 } } })).then((r) => setItems(r.items), showError);
  }, [member.id, showError]);
  return (
    <>
      <DueCancelFees memberId={member.id} />
      <Table<Booking>
        data-testid="member-bookings"
        size="small"
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('classes.tab.empty') }}
        columns={[
          { title: t('classes.tab.when'), dataIndex: 'startsAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('classes.course'), dataIndex: 'courseName' },
          { title: t('classes.attendee'), dataIndex: 'attendeeName', render: (v: string | null) => v ?? '—' },
          { title: t('classes.status'), dataIndex: 'status', render: (_: unknown, b) => <StatusTag status={b.status} waived={b.isWaived} /> },
          { title: t('classes.position'), dataIndex: 'waitlistPosition', render: (v: number | null) => v ?? '' },
        ]}
      />
    </>
  );
}
