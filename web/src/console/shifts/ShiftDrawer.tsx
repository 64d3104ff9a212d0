// One shift: expected vs counted per method, cash moves, who opened, closed and confirmed it,
// the printable shift report, and the confirmation by another staff member (shift.confirm).
import { CheckOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Drawer, Input, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { Shift } from '../../api/retail';
import { methodName } from '../cashier/labels';
import { yuan } from '../cashier/money';
import { type PaperWidth, PrintControls, PrintFrame, type PrintFrameHandle, rememberedWidth } from '../cashier/ReceiptFrame';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';
import { ShiftTotalsTable } from './ShiftTotalsTable';
import { ShiftStatusTag } from './ShiftStatusTag';

export function ShiftDrawer(props: { shift: Shift; onClose(): void; onChanged(shift: Shift): void }) {
  const t = useT();
  const { can, me } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const [width, setWidth] = useState<PaperWidth>(() => rememberedWidth('a4'));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const frame = useRef<PrintFrameHandle>(null);
  const s = props.shift;
  const ownClose = s.closedByName === me.staff.name;

  async function confirm() {
    setBusy(true);
    try {
      const next = await call(api.POST('/api/v1/shifts/{shiftId}/confirm', { params: { path: { shiftId: s.id } }, body: { note: note.trim() || null } }));
      message.success(t('shift.confirmed', { no: next.shiftNo }));
      props.onChanged(next);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer open size={880} onClose={props.onClose} title={<Space>{t('shift.title', { no: s.shiftNo })}<ShiftStatusTag status={s.status} /></Space>} destroyOnHidden>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'opened', label: t('shift.openedBy'), children: `${s.openedByName ?? '—'} · ${formatTime(s.openedAt)}` },
            { key: 'closed', label: t('shift.closedBy'), children: s.closedAt ? `${s.closedByName ?? '—'} · ${formatTime(s.closedAt)}` : '—' },
            { key: 'confirmed', label: t('shift.confirmedBy'), children: s.confirmedAt ? `${s.confirmedByName ?? '—'} · ${formatTime(s.confirmedAt)}` : '—' },
            { key: 'float', label: t('shift.float'), children: yuan(s.openingFloat) },
            { key: 'date', label: t('orders.businessDate'), children: s.businessDate },
            { key: 'note', label: t('shift.note'), children: s.note ?? '—' },
          ]}
        />
        {s.status === 'open' ? (
          <ShiftTotalsTable shift={s} />
        ) : (
          <Table
            rowKey="method"
            size="small"
            pagination={false}
            dataSource={s.counts}
            data-testid="shift-counts"
            columns={[
              { title: t('shift.method'), dataIndex: 'method', render: (m: string) => methodName(t, m) },
              { title: t('shift.expected'), dataIndex: 'expected', align: 'right', render: (v: number) => yuan(v) },
              { title: t('shift.counted'), dataIndex: 'counted', align: 'right', render: (v: number) => yuan(v) },
              {
                title: t('shift.difference'),
                dataIndex: 'difference',
                align: 'right',
                render: (v: number) => (v === 0 ? <Typography.Text type="success">{t('shift.diff.none')}</Typography.Text> : <Typography.Text type="danger" strong>{v > 0 ? `+${yuan(v)}` : yuan(v)}</Typography.Text>),
              },
            ]}
          />
        )}
        {s.differenceReason && <Alert type="warning" showIcon title={t('shift.diffReasonIs', { reason: s.differenceReason })} />}
        {s.cashMoves.length > 0 && (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.cashMoves}
            title={() => <Typography.Text strong>{t('shift.cashMoves')}</Typography.Text>}
            columns={[
              { title: t('orders.time'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
              { title: t('shift.moveKind'), dataIndex: 'kind', render: (k: string) => (k === 'in' ? <Tag color="green">{t('shift.cashIn')}</Tag> : <Tag color="orange">{t('shift.cashOut')}</Tag>) },
              { title: t('shift.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => yuan(v) },
              { title: t('shift.reason'), dataIndex: 'reason' },
              { title: t('shift.by'), dataIndex: 'createdByName', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
        {s.status === 'closed' && can('shift.confirm') && (
          <div style={{ background: '#f6f8fb', borderRadius: 8, padding: 12 }}>
            {ownClose && <Alert type="info" showIcon title={t('shift.confirm.own')} style={{ marginBottom: 8 }} />}
            <Space.Compact style={{ width: '100%' }}>
              <Input aria-label={t('shift.confirmNote')} placeholder={t('shift.confirmNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} onPressEnter={() => void confirm()} />
              <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={() => void confirm()} data-testid="shift-confirm">
                {t('shift.confirm')}
              </Button>
            </Space.Compact>
          </div>
        )}
        <PrintControls width={width} onWidth={setWidth} onPrint={() => frame.current?.print()} printLabel={t('shift.printReport')} />
        <PrintFrame key={`${s.status}-${s.confirmedAt ?? ''}`} handleRef={frame} src={`/api/v1/shifts/${s.id}/report.html?width=${width}`} width={width} height={560} title={t('shift.report')} testId="shift-report-frame" />
      </Space>
    </Drawer>
  );
}
