// Closing a shift (交班): count the drawer per method against what is expected; any difference
// is shown as it is typed (over / short) and needs a reason before the shift can close.
import { Alert, App, Form, Input, Modal, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import type { Shift } from '../../api/retail';
import type { BodyOf } from '../../api/types';
import { methodName } from '../cashier/labels';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';

type DrawerMethod = BodyOf<'/api/v1/shifts/{shiftId}/close', 'post'>['counts'][number]['method'];

export function CloseShiftModal(props: { shift: Shift | null; onClose(): void; onClosed(shift: Shift): void }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [counted, setCounted] = useState<Record<string, number | null>>({});
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const key = useRef(newIdempotencyKey());
  const shift = props.shift;

  useEffect(() => {
    if (shift) {
      key.current = newIdempotencyKey();
      setCounted({});
      setReason('');
      setNote('');
      setTried(false);
    }
  }, [shift?.id]);

  if (!shift) return null;
  const methods = shift.totals.methods;
  const rows = methods.map((m) => ({ ...m, counted: counted[m.method] ?? null, difference: counted[m.method] === null || counted[m.method] === undefined ? null : counted[m.method]! - m.expected }));
  const missing = rows.filter((r) => r.counted === null);
  const differs = rows.some((r) => r.difference !== null && r.difference !== 0);
  const diffTotal = rows.reduce((s, r) => s + (r.difference ?? 0), 0);
  const reasonMissing = differs && !reason.trim();

  async function submit() {
    setTried(true);
    if (missing.length || reasonMissing || !shift) return;
    setBusy(true);
    try {
      const closed = await call(
        api.POST('/api/v1/shifts/{shiftId}/close', {
          params: { path: { shiftId: shift.id } },
          body: { counts: rows.map((r) => ({ method: r.method as DrawerMethod, counted: r.counted! })), differenceReason: reason.trim() || null, note: note.trim() || null },
          headers: { 'Idempotency-Key': key.current },
        }),
      );
      message.success(t('shift.closed', { no: closed.shiftNo }));
      props.onClosed(closed);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open title={t('shift.close.title', { no: shift.shiftNo })} okText={t('shift.close.submit')} okButtonProps={{ loading: busy, danger: differs, 'data-testid': 'close-submit' }} onOk={() => void submit()} onCancel={props.onClose} width={720} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('shift.close.intro')}</Typography.Paragraph>
      <Table
        rowKey="method"
        size="middle"
        pagination={false}
        dataSource={rows}
        data-testid="close-counts"
        columns={[
          { title: t('shift.method'), dataIndex: 'method', render: (m: string) => <Typography.Text strong>{methodName(t, m)}</Typography.Text> },
          { title: t('shift.expected'), dataIndex: 'expected', align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('shift.counted'),
            key: 'counted',
            width: 200,
            render: (_, r, i) => (
              <MoneyInput
                autoFocus={i === 0}
                aria-label={t('shift.countedOf', { method: methodName(t, r.method) })}
                data-testid={`count-${r.method}`}
                status={tried && r.counted === null ? 'error' : undefined}
                value={r.counted}
                onChange={(v) => setCounted((c) => ({ ...c, [r.method]: v }))}
                onPressEnter={() => void submit()}
              />
            ),
          },
          {
            title: t('shift.difference'),
            key: 'difference',
            align: 'right',
            width: 150,
            render: (_, r) =>
              r.difference === null ? (
                '—'
              ) : r.difference === 0 ? (
                <Typography.Text type="success">{t('shift.diff.none')}</Typography.Text>
              ) : (
                <Typography.Text type="danger" strong data-testid={`diff-${r.method}`}>
                  {r.difference > 0 ? t('shift.diff.over', { amount: yuan(r.difference) }) : t('shift.diff.short', { amount: yuan(-r.difference) })}
                </Typography.Text>
              ),
          },
        ]}
      />
      {tried && missing.length > 0 && <Alert type="error" showIcon style={{ marginTop: 12 }} title={t('shift.count.missing', { methods: missing.map((m) => methodName(t, m.method)).join(t('common.listSep')) })} />}
      {differs && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('shift.diff.total', { amount: diffTotal > 0 ? `+${yuan(diffTotal)}` : yuan(diffTotal) })}
          description={t('shift.diff.hint')}
          data-testid="close-difference"
        />
      )}
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item label={t('shift.diffReason')} required={differs} validateStatus={tried && reasonMissing ? 'error' : undefined} help={tried && reasonMissing ? t('shift.diffReason.required') : undefined}>
          <Input.TextArea aria-label={t('shift.diffReason')} data-testid="close-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} autoSize={{ minRows: 2 }} placeholder={t('shift.diffReason.placeholder')} />
        </Form.Item>
        <Form.Item label={t('shift.closeNote')}>
          <Input aria-label={t('shift.closeNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
