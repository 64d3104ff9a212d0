// Recharge (充值) from the member's wallet: pick a package (pay X, get bonus Y), take the money
// (cash with change, WeChat Pay, Alipay or bank card with its transaction number) — an order
// through POST /orders like any other sale, so it lands in the shift, the daily report and the
// ledger. Keyboard: the package list has the cursor (↑/↓ choose), Enter takes the payment.
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { CheckoutTender, RechargePackage } from '../../api/retail';
import { useAttemptKey } from '../cashier/idempotency';
import { METHOD_COLOR, methodName } from '../cashier/labels';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import type { Member } from '../members/types';
import { useSession } from '../session';
import { focusIn, onEnterSubmit } from './keys';

const METHODS = ['cash', 'wechat', 'alipay', 'bank_card'] as const;
type Method = (typeof METHODS)[number];

export function packageBonusText(t: ReturnType<typeof useT>, p: RechargePackage): string {
  const parts: string[] = [];
  if (p.credit.bonus > 0) parts.push(t('recharge.package.bonus', { bonus: yuan(p.credit.bonus) }));
  if (p.bonusPoints > 0) parts.push(t('recharge.package.points', { points: p.bonusPoints.toLocaleString() }));
  return parts.join(' · ');
}

export function RechargeModal(props: { open: boolean; member: Member; onClose(): void; onDone(): void }) {
  const t = useT();
  const { currentStore, can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const attempt = useAttemptKey();
  const [packages, setPackages] = useState<RechargePackage[] | null>(null);
  const [packageId, setPackageId] = useState<string | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [tendered, setTendered] = useState<number | null>(null);
  const [reference, setReference] = useState('');
  const [payable, setPayable] = useState<number | null>(null);
  const [paying, setPaying] = useState(false);

  useEffect(() => {
    if (!props.open) return;
    setPackages(null);
    setMethod('cash');
    setTendered(null);
    setReference('');
    attempt.reset();
    let live = true;
    call(api.GET('/api/v1/recharge-packages', { params: { query: {} } }))
      .then((r) => {
        if (!live) return;
        setPackages(r.items);
        setPackageId(r.items[0]?.id ?? null);
        focusIn('recharge-packages');
      })
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [props.open]);

  const pkg = packages?.find((p) => p.id === packageId) ?? null;
  const storeId = currentStore?.id ?? null;
  // What the order asks: priced by the server (a recharge is not discounted, but the server decides).
  useEffect(() => {
    setPayable(null);
    if (!props.open || !pkg || !storeId) return;
    let live = true;
    call(api.POST('/api/v1/orders/quote', { body: { storeId, memberId: props.member.id, lines: [{ kind: 'recharge', packageId: pkg.id }] } }))
      .then((q) => live && setPayable(q.payable))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [props.open, pkg?.id, storeId]);

  const cashShort = method === 'cash' && payable !== null && tendered !== null && tendered < payable;
  const change = method === 'cash' && payable !== null && tendered !== null && tendered > payable ? tendered - payable : 0;
  const tender = useMemo<CheckoutTender | null>(() => {
    if (payable === null) return null;
    if (method === 'cash') return { method: 'cash', amount: payable, tendered: tendered ?? payable };
    return { method, amount: payable, ...(reference.trim() ? { reference: reference.trim() } : {}) };
  }, [payable, method, tendered, reference]);
  const ready = !!pkg && !!storeId && !!tender && !cashShort && !paying;

  async function pay() {
    if (!ready || !pkg || !storeId || !tender) return;
    const body = { storeId, memberId: props.member.id, lines: [{ kind: 'recharge' as const, packageId: pkg.id }], tenders: [tender] };
    setPaying(true);
    try {
      const order = await call(api.POST('/api/v1/orders', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      attempt.reset();
      message.success(t('recharge.done', { amount: yuan(pkg.credit.principal + pkg.credit.bonus), orderNo: order.orderNo }));
      props.onDone();
    } catch (err) {
      // The same body keeps its key: Enter again retries without charging twice.
      showError(err);
    } finally {
      setPaying(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title={t('recharge.title', { name: props.member.name })}
      onCancel={props.onClose}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
      afterOpenChange={(open) => open && focusIn('recharge-packages')}
      footer={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('recharge.keys')}
          </Typography.Text>
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!ready} loading={paying} onClick={() => void pay()} data-testid="recharge-submit">
              {t('recharge.submit', { amount: yuan(payable ?? pkg?.price ?? 0) })}
            </Button>
          </Space>
        </div>
      }
    >
      <div onKeyDown={onEnterSubmit(() => void pay())} data-testid="recharge-dialog">
        {!storeId && <Alert type="warning" showIcon title={t('recharge.noStore')} style={{ marginBottom: 12 }} />}
        {packages && packages.length === 0 && (
          <Alert
            type="info"
            showIcon
            title={t('recharge.none')}
            action={can('wallet.settings') ? <Link to="/recharge-packages">{t('recharge.none.settings')}</Link> : undefined}
          />
        )}
        <Form layout="vertical" component="div">
          {packages && packages.length > 0 && (
            <Form.Item label={t('recharge.package')}>
              <Radio.Group value={packageId} onChange={(e) => setPackageId(e.target.value)} style={{ display: 'grid', gridTemplateColumns: 'repeat(2, 1fr)', gap: 8 }} data-testid="recharge-packages">
                {packages.map((p) => (
                  <Radio.Button
                    key={p.id}
                    value={p.id}
                    style={{ height: 'auto', padding: '8px 12px', lineHeight: 1.4, borderRadius: 8, borderInlineStartWidth: 1 }}
                  >
                    <div style={{ fontWeight: 600 }}>{p.name}</div>
                    <div style={{ fontSize: 12 }}>
                      {yuan(p.price)}
                      {packageBonusText(t, p) && ` · ${packageBonusText(t, p)}`}
                    </div>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          )}
          {pkg && (
            <div style={{ display: 'flex', gap: 16, marginBottom: 16, fontVariantNumeric: 'tabular-nums' }}>
              <Typography.Text strong style={{ fontSize: 20, color: '#cf1322' }} data-testid="recharge-due">
                {t('recharge.due', { amount: yuan(payable ?? pkg.price) })}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ alignSelf: 'center' }} data-testid="recharge-credit">
                {t('recharge.package.credit', { total: yuan(pkg.credit.principal + pkg.credit.bonus) })}
              </Typography.Text>
            </div>
          )}
          <Form.Item label={t('recharge.method')}>
            <Radio.Group value={method} onChange={(e) => setMethod(e.target.value)} optionType="button" data-testid="recharge-method">
              {METHODS.map((m) => (
                <Radio.Button key={m} value={m} style={{ borderTop: `3px solid ${METHOD_COLOR[m]}` }}>
                  {methodName(t, m)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          {method === 'cash' ? (
            <Form.Item
              label={t('recharge.tendered')}
              validateStatus={cashShort ? 'error' : undefined}
              help={cashShort ? t('recharge.tendered.short', { amount: yuan(payable) }) : change > 0 ? t('recharge.change', { change: yuan(change) }) : undefined}
            >
              <MoneyInput aria-label={t('recharge.tendered')} placeholder={payable !== null ? (payable / 100).toFixed(2) : undefined} value={tendered} onChange={setTendered} style={{ width: 220 }} data-testid="recharge-tendered" />
            </Form.Item>
          ) : (
            <Form.Item label={t('recharge.reference')} extra={t('recharge.reference.hint')}>
              <Input aria-label={t('recharge.reference')} maxLength={64} value={reference} onChange={(e) => setReference(e.target.value)} style={{ width: 320 }} />
            </Form.Item>
          )}
        </Form>
      </div>
    </Modal>
  );
}
