// Upgrade a card to another product of its kind, paying the difference (previewed first).
import { Descriptions, Form, Input, Modal, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../../api/client';
import { yuan } from '../../cashier/money';
import { useAssetSubmit } from '../../components/useAssetSubmit';
import { useApiError } from '../../errors';
import { useT } from '../../i18n';
import { useSession } from '../../session';
import type { CardProduct, UpgradePreview } from '../types';
import { type DialogProps, type Method, PayMethod, payment } from './shared';

export function UpgradeDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const { saving, submit: send } = useAssetSubmit();
  const [products, setProducts] = useState<CardProduct[] | null>(null);
  const [toProductId, setTo] = useState<string | null>(null);
  const [preview, setPreview] = useState<UpgradePreview | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [reason, setReason] = useState('');

  useEffect(() => {
    call(api.GET('/api/v1/card-products', { params: { query: { kind: card.kind } } }))
      .then((r) => setProducts(r.items.filter((p) => p.id !== card.productId && p.isActive)))
      .catch((err) => {
        setProducts([]);
        showError(err);
      });
  }, [card.id]);

  useEffect(() => {
    setPreview(null);
    if (!toProductId) return;
    let live = true;
    call(api.POST('/api/v1/member-cards/{cardId}/upgrade-preview', { params: { path: { cardId: card.id } }, body: { toProductId } }))
      .then((p) => live && setPreview(p))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [toProductId]);

  async function submit() {
    if (!preview) return;
    const body = { toProductId: preview.toProductId, reason: reason.trim() || null, ...payment(currentStore?.id, preview.difference, method) };
    const name = preview.toProductName;
    const r = await send(body, (headers) => call(api.POST('/api/v1/member-cards/{cardId}/upgrades', { params: { path: { cardId: card.id } }, body, headers })));
    if (r) onDone(r, t('cards.upgrade.done', { name }));
  }

  return (
    <Modal open title={t('cards.upgrade.title', { name: card.name })} onCancel={onClose} okText={t('cards.upgrade.confirm')} okButtonProps={{ disabled: !preview, loading: saving }} onOk={() => void submit()} cancelText={t('common.cancel')}>
      <Form layout="vertical">
        <Form.Item label={t('cards.upgrade.to')}>
          {products === null ? <Spin /> : <Select autoFocus value={toProductId} onChange={setTo} options={products.map((p) => ({ value: p.id, label: `${p.name} · ${yuan(p.price)}` }))} placeholder={t('cards.upgrade.toPlaceholder')} notFoundContent={t('cards.upgrade.none')} />}
        </Form.Item>
        {preview && (
          <>
            <Descriptions size="small" column={1} bordered data-testid="upgrade-preview">
              <Descriptions.Item label={t('cards.upgrade.difference')}>
                <Typography.Text strong>{yuan(preview.difference)}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('cards.field.remaining')}>{`${preview.sessionsRemaining ?? '—'} → ${preview.newSessionsRemaining ?? t('cards.sessions.unlimited')}`}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.expiresOn')}>{`${preview.expiresOn ?? '—'} → ${preview.newExpiresOn ?? '—'}`}</Descriptions.Item>
            </Descriptions>
            <div style={{ marginTop: 12 }}>
              <PayMethod amount={preview.difference} value={method} onChange={setMethod} />
            </div>
          </>
        )}
        <Form.Item label={t('cards.reason.optional')}>
          <Input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
