// Selling cards at the cashier: a `card` line kind (one card per line, to a member) and a
// "会员卡" tab listing the card products this store sells. Before a card goes into the basket
// the sale preview is shown — start and expiry, the training-school prepayment warning, the
// member's sale limit and the refund terms to read out — and the desk confirms it.
import { Alert, Button, Descriptions, Form, Input, Modal, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { type LineAddDialogProps, type PickItem, registerLineKind, registerLineSource } from '../cashier/line-kinds';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import type { SalePreview } from './types';
import { todayIso } from './format';

registerLineKind({
  kind: 'card',
  label: 'lineKind.card',
  color: 'purple',
  needsMember: true,
  maxQuantity: 1,
  priceEditable: true,
  toRequest: (l) => ({ kind: 'card', itemId: l.itemId!, quantity: 1, ...(l.priceOverride !== undefined ? { unitPrice: l.priceOverride } : {}), ...(l.options ? { options: l.options } : {}) }),
  AddDialog: CardSaleDialog,
});

registerLineSource({
  key: 'cards',
  label: 'cards.source',
  permission: 'card.read',
  async load(storeId) {
    const r = await call(api.GET('/api/v1/card-products', { params: { query: {} } }));
    return r.items
      .filter((p) => p.isActive && (p.saleStoreIds === null || p.saleStoreIds.includes(storeId)))
      .map<PickItem>((p) => ({ key: p.id, kind: 'card', itemId: p.id, name: p.name, price: p.price, unit: null, color: '#722ed1' }));
  },
});

function CardSaleDialog(props: LineAddDialogProps) {
  const t = useT();
  const showError = useApiError();
  const [preview, setPreview] = useState<SalePreview | null>(null);
  const [failed, setFailed] = useState(false);
  const [activateOn, setActivateOn] = useState<string>(todayIso());
  const [mode, setMode] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const body = { storeId: props.storeId, memberId: props.memberId, ...(mode === 'date' ? { activateOn } : {}) };
    call(api.POST('/api/v1/card-products/{cardProductId}/sale-preview', { params: { path: { cardProductId: props.item.itemId! } }, body }))
      .then((p) => {
        if (!live) return;
        setPreview(p);
        setMode(p.activation.mode);
        setFailed(false);
      })
      .catch((err) => {
        if (!live) return;
        setFailed(true);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [props.item.itemId, props.storeId, props.memberId, mode === 'date' ? activateOn : null]);

  const blocked = !preview || preview.saleLimit.isReached;
  const add = () => {
    if (blocked) return;
    props.onAdd(preview.activation.mode === 'date' ? { activateOn } : {});
  };

  return (
    <Modal
      open
      title={t('cards.sale.title', { name: props.item.name })}
      onCancel={props.onCancel}
      width={620}
      footer={[
        <Button key="cancel" onClick={props.onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="add" type="primary" disabled={blocked} onClick={add} data-testid="card-sale-add" autoFocus>
          {t('cards.sale.add')}
        </Button>,
      ]}
    >
      {!preview && !failed && <Spin style={{ display: 'block', margin: 24 }} />}
      {failed && !preview && <Alert type="error" showIcon title={t('cards.sale.previewFailed')} />}
      {preview && (
        <div data-testid="card-sale-preview" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('cards.field.price')}>{yuan(preview.price)}</Descriptions.Item>
            <Descriptions.Item label={t('cards.field.activationMode')}>{t(`cards.activation.${preview.activation.mode}`)}</Descriptions.Item>
            <Descriptions.Item label={t('cards.sale.startsOn')}>
              {preview.activation.mode === 'date' ? (
                <Form.Item style={{ margin: 0 }}>
                  <Input type="date" size="small" value={activateOn} aria-label={t('cards.sale.startsOn')} onChange={(e) => setActivateOn(e.target.value)} />
                </Form.Item>
              ) : (
                (preview.activation.activatedOn ?? (preview.activation.activateBy ? t('cards.sale.firstUseBy', { date: preview.activation.activateBy }) : t('cards.activation.first_use')))
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.field.expiresOn')}>
              <span data-testid="card-sale-expires">{preview.activation.expiresOn ?? t('cards.validity.none')}</span>
            </Descriptions.Item>
          </Descriptions>
          {preview.warnings.map((w) => (
            <Alert key={w.code} type="warning" showIcon title={w.message} data-testid="card-sale-warning" />
          ))}
          {preview.saleLimit.isReached && <Alert type="error" showIcon title={t('cards.sale.limitReached', { limit: preview.saleLimit.limit ?? 0, count: preview.saleLimit.count })} />}
          <div>
            <Typography.Text strong>{t('cards.sale.terms')}</Typography.Text>
            <ol data-testid="card-sale-terms" style={{ margin: '6px 0 0', paddingInlineStart: 20, maxHeight: 200, overflowY: 'auto', fontSize: 13 }}>
              {preview.terms.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ol>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cards.sale.termsHint')}
            </Typography.Text>
          </div>
        </div>
      )}
    </Modal>
  );
}
