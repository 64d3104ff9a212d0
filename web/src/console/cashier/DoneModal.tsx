// After the payment: the change to hand back in large type, the receipt as it will print
// (58 mm / 80 mm / A4, remembered on this device), Enter prints, Esc starts the next sale.
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Checkbox, Modal, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { Order } from '../../api/retail';
import { useT } from '../i18n';
import { useHotkeys } from './hotkeys';
import { Kbd } from './Kbd';
import { methodName } from './labels';
import { yuan } from './money';
import { type PaperWidth, PrintControls, PrintFrame, type PrintFrameHandle, rememberWidth, rememberedWidth } from './ReceiptFrame';

const AUTO_PRINT = 'tessera.receipt.autoPrint';

function autoPrintSetting(): boolean {
  try {
    return window.localStorage.getItem(AUTO_PRINT) === 'true';
  } catch {
    return false;
  }
}

export function receiptUrl(orderId: string, width: PaperWidth, reprint = false): string {
  return `/api/v1/orders/${orderId}/receipt.html?width=${width}${reprint ? '&reprint=true' : ''}`;
}

export function DoneModal(props: { order: Order | null; onNext(): void }) {
  const t = useT();
  const { order } = props;
  const [width, setWidth] = useState<PaperWidth>(rememberedWidth);
  const [autoPrint, setAutoPrint] = useState(autoPrintSetting);
  const [printed, setPrinted] = useState(0);
  const frame = useRef<PrintFrameHandle>(null);
  const autoPrinted = useRef<string | null>(null);

  const print = () => {
    frame.current?.print();
    setPrinted((n) => n + 1);
  };
  useHotkeys({ Enter: print }, !!order);
  useEffect(() => setPrinted(0), [order?.id]);

  if (!order) return null;
  const paidMoney = order.tenders.filter((x) => x.method !== 'points');
  return (
    <Modal open onCancel={props.onNext} title={null} width={860} footer={null} destroyOnHidden keyboard>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 360px', gap: 24 }} data-testid="sale-done">
        <div>
          <Space align="center" size={12} style={{ marginBottom: 12 }}>
            <CheckCircleFilled style={{ color: '#52c41a', fontSize: 40 }} />
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('done.title')}
              </Typography.Title>
              <Typography.Text type="secondary" data-testid="done-order-no">
                {order.orderNo}
              </Typography.Text>
            </div>
          </Space>
          <div style={{ background: order.changeGiven > 0 ? '#f6ffed' : '#f6f8fb', border: `1px solid ${order.changeGiven > 0 ? '#b7eb8f' : '#f0f0f0'}`, borderRadius: 12, padding: '14px 18px', marginBottom: 16 }}>
            <Typography.Text type="secondary">{t('done.change')}</Typography.Text>
            <div data-testid="done-change" style={{ fontSize: 44, fontWeight: 700, color: order.changeGiven > 0 ? '#389e0d' : '#8c8c8c', lineHeight: 1.2, fontVariantNumeric: 'tabular-nums' }}>
              {yuan(order.changeGiven)}
            </div>
          </div>
          <div style={{ display: 'grid', gap: 4, marginBottom: 16 }}>
            <Line label={t('pay.due')} value={yuan(order.payable)} strong />
            {order.tenders.map((x) => (
              <Line
                key={x.id}
                label={`${methodName(t, x.method)}${x.reference ? ` · ${x.reference}` : ''}`}
                value={x.method === 'points' ? `${yuan(x.amount)}(${t('pay.points.count', { points: x.points.toLocaleString() })})` : x.tendered && x.tendered !== x.amount ? `${yuan(x.amount)}(${t('done.tendered', { amount: yuan(x.tendered) })})` : yuan(x.amount)}
              />
            ))}
            {order.memberId && <Line label={t('done.earned')} value={t('cashier.sum.earnPoints', { points: order.pointsEarned.toLocaleString() })} />}
            {paidMoney.length === 0 && <Typography.Text type="secondary">{t('done.noMoney')}</Typography.Text>}
          </div>
          <Space orientation="vertical" size={10} style={{ width: '100%' }}>
            <PrintControls
              width={width}
              onWidth={(w) => {
                setWidth(w);
                rememberWidth(w);
              }}
              onPrint={print}
              printLabel={printed ? t('done.reprint') : t('done.print')}
            />
            <Checkbox
              checked={autoPrint}
              onChange={(e) => {
                setAutoPrint(e.target.checked);
                try {
                  window.localStorage.setItem(AUTO_PRINT, String(e.target.checked));
                } catch {
                  // not remembered
                }
              }}
            >
              {t('done.autoPrint')}
            </Checkbox>
            <Button type="primary" ghost size="large" block onClick={props.onNext} data-testid="next-sale">
              {t('done.next')} <Kbd>Esc</Kbd>
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Kbd>Enter</Kbd> {t('done.keys.print')} · <Kbd>Esc</Kbd> {t('done.keys.next')}
            </Typography.Text>
          </Space>
        </div>
        <PrintFrame
          handleRef={frame}
          testId="receipt-frame"
          title={t('done.receipt')}
          src={receiptUrl(order.id, width, printed > 0)}
          width={width}
          height={520}
          onLoad={() => {
            // Print once per order when the desk asked for it, as soon as the receipt is there.
            if (autoPrint && autoPrinted.current !== order.id) {
              autoPrinted.current = order.id;
              print();
            }
          }}
        />
      </div>
    </Modal>
  );
}

function Line(props: { label: string; value: string; strong?: boolean }) {
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between' }}>
      <Typography.Text type={props.strong ? undefined : 'secondary'} strong={props.strong}>
        {props.label}
      </Typography.Text>
      <Typography.Text strong={props.strong}>{props.value}</Typography.Text>
    </div>
  );
}
