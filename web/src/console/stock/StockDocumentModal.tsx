// Write a stock document in one go: a purchase receipt (入库, units in at their cost), a
// transfer to another store (调拨), or an adjustment with a reason (报损 / 盘盈 …). Posting is
// idempotent: a retry of the same document never posts twice.
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { StockDocument } from '../../api/retail';
import { storeOptions, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useAttemptKey } from '../cashier/idempotency';
import { type DocLine, DocumentLines } from './DocumentLines';

export type DocKind = 'receipt' | 'transfer' | 'adjustment';

export function StockDocumentModal(props: { kind: DocKind | null; storeId: string; storeName: string; onClose(): void; onPosted(doc: StockDocument): void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const { stores } = useOrgOptions();
  const attempt = useAttemptKey();
  const [lines, setLines] = useState<DocLine[]>([]);
  const [supplier, setSupplier] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [toStoreId, setToStoreId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (props.kind && !opened.current) {
      setLines([]);
      setSupplier('');
      setNote('');
      setReason('');
      setToStoreId(undefined);
      setProblem(null);
      attempt.reset();
    }
    opened.current = !!props.kind;
  }, [props.kind, attempt]);

  async function post() {
    const kind = props.kind;
    if (!kind) return;
    if (lines.length === 0 || lines.some((l) => !l.quantity)) return setProblem(t('stock.problem.quantities'));
    if (kind === 'transfer' && !toStoreId) return setProblem(t('stock.problem.toStore'));
    if (kind === 'adjustment' && !reason.trim()) return setProblem(t('stock.problem.reason'));
    setProblem(null);
    setBusy(true);
    try {
      let doc: StockDocument;
      if (kind === 'receipt') {
        const body = { storeId: props.storeId, supplier: supplier.trim() || null, note: note.trim() || null, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity!, ...(l.unitCost !== null ? { unitCost: l.unitCost } : {}) })) };
        doc = await call(api.POST('/api/v1/stock/receipts', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      } else if (kind === 'transfer') {
        const body = { fromStoreId: props.storeId, toStoreId: toStoreId!, note: note.trim() || null, lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity! })) };
        doc = await call(api.POST('/api/v1/stock/transfers', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      } else {
        const body = { storeId: props.storeId, reason: reason.trim(), lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity! })) };
        doc = await call(api.POST('/api/v1/stock/adjustments', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      }
      message.success(t('stock.posted', { no: doc.docNo }));
      props.onPosted(doc);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  const title = props.kind === 'receipt' ? t('stock.receipt.new') : props.kind === 'transfer' ? t('stock.transfer.new') : t('stock.adjustment.new');
  return (
    <Modal open={!!props.kind} title={`${title} · ${props.storeName}`} width={860} okText={t('stock.post')} okButtonProps={{ loading: busy }} onOk={() => void post()} onCancel={props.onClose} destroyOnHidden>
      <Form layout="vertical">
        {props.kind === 'receipt' && (
          <Form.Item label={t('stock.supplier')}>
            <Input value={supplier} onChange={(e) => setSupplier(e.target.value)} maxLength={100} aria-label={t('stock.supplier')} />
          </Form.Item>
        )}
        {props.kind === 'transfer' && (
          <Form.Item label={t('stock.toStore')} required>
            <Select aria-label={t('stock.toStore')} value={toStoreId} onChange={setToStoreId} options={storeOptions(t, stores.filter((s) => s.id !== props.storeId))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        )}
        {props.kind === 'adjustment' && (
          <Form.Item label={t('stock.reason')} required extra={t('stock.adjustment.hint')}>
            <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} aria-label={t('stock.reason')} />
          </Form.Item>
        )}
        <DocumentLines lines={lines} onChange={setLines} storeId={props.storeId} withCost={props.kind === 'receipt'} signed={props.kind === 'adjustment'} />
        {props.kind !== 'adjustment' && (
          <Form.Item label={t('stock.note')} style={{ marginTop: 12 }}>
            <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} aria-label={t('stock.note')} />
          </Form.Item>
        )}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}
