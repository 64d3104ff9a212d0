// 收银台: the front-desk checkout screen, made to be worked with a barcode scanner and the
// keyboard alone. The basket is priced by the server (POST /orders/quote) after every change,
// so what the screen shows — member prices, the tier discount, points — is what will be charged;
// checkout posts the same basket with the tenders under one Idempotency-Key per attempt.
import { BarcodeOutlined, ClockCircleOutlined, PlusOutlined, WalletOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import type { CashierItem, CheckoutQuote, CheckoutTender, MemberHit, Order } from '../../api/retail';
import { formatTime } from '../format';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { OpenShiftModal } from '../shifts/OpenShiftModal';
import { CartTable, type QuoteLine } from './CartTable';
import { CustomLineModal } from './CustomLineModal';
import { DoneModal } from './DoneModal';
import { FinderInput, type FinderHandle } from './FinderInput';
import { useHotkeys } from './hotkeys';
import { useAttemptKey } from './idempotency';
import { Kbd } from './Kbd';
import { type CartLine, type PickItem, lineKind, newLine } from './line-kinds';
import { MemberPanel } from './MemberPanel';
import { yuan } from './money';
import { PayModal } from './PayModal';
import { PriceSummary } from './PriceSummary';
import { SourceTabs } from './SourceTabs';
import { useCurrentShift } from './useCurrentShift';
import { useMemberInfo } from './useMemberInfo';
import './sources';
import '../cards/cashierLine';

function fromCashierItem(p: CashierItem): PickItem {
  return { key: p.id, kind: p.kind, itemId: p.id, name: p.name, price: p.price, unit: p.unit, stock: p.stock, allowNegativeStock: p.allowNegativeStock, code: p.barcode ?? p.sku };
}

/** "3*6970000000011": three of what the scanner reads next; "*5": the selected line becomes 5. */
function parseScan(text: string): { quantity: number; code: string } | { setQuantity: number } {
  const set = /^\*(\d{1,4})$/.exec(text);
  if (set) return { setQuantity: Number(set[1]) };
  const m = /^(\d{1,4})\*(.+)$/.exec(text);
  return m ? { quantity: Number(m[1]), code: m[2].trim() } : { quantity: 1, code: text };
}

export default function CashierPage() {
  const t = useT();
  const { can, currentStore } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const storeId = currentStore?.id ?? null;

  const [member, setMember] = useState<MemberHit | null>(null);
  const info = useMemberInfo(member?.id ?? null);
  const [lines, setLinesState] = useState<CartLine[]>([]);
  // Scans resolve asynchronously and may overlap: every change starts from the latest basket.
  const linesRef = useRef<CartLine[]>([]);
  const setLines = useCallback((next: CartLine[] | ((ls: CartLine[]) => CartLine[])) => {
    linesRef.current = typeof next === 'function' ? next(linesRef.current) : next;
    setLinesState(linesRef.current);
  }, []);
  const [selected, setSelected] = useState<string | null>(null);
  const [pointsToUse, setPointsToUse] = useState(0);
  const [quote, setQuote] = useState<{ key: string; value: CheckoutQuote } | null>(null);
  const [quoteError, setQuoteError] = useState<{ key: string; message: string } | null>(null);
  const [quoting, setQuoting] = useState(false);
  const [payOpen, setPayOpen] = useState(false);
  const [paying, setPaying] = useState(false);
  const [payError, setPayError] = useState<unknown>(null);
  const [done, setDone] = useState<Order | null>(null);
  const [shiftModal, setShiftModal] = useState(false);
  const [customOpen, setCustomOpen] = useState(false);
  // Bumped when the payment dialog should take the cursor back (after a shift was opened from it).
  const [payFocus, setPayFocus] = useState(0);
  const shift = useCurrentShift(storeId);
  const attempt = useAttemptKey();
  const scanRef = useRef<FinderHandle>(null);
  const memberRef = useRef<FinderHandle>(null);

  const basket = useMemo(
    () => (storeId ? { storeId, memberId: member?.id ?? null, lines: lines.map((l) => lineKind(l.kind)!.toRequest(l)), ...(pointsToUse > 0 ? { pointsToUse } : {}) } : null),
    [storeId, member?.id, lines, pointsToUse],
  );
  const basketKey = basket ? JSON.stringify(basket) : '';

  // Price the basket on the server after every change; only the answer to the latest basket counts.
  const quoteSeq = useRef(0);
  useEffect(() => {
    if (!basket || basket.lines.length === 0) {
      setQuote(null);
      setQuoteError(null);
      setQuoting(false);
      return;
    }
    const mine = ++quoteSeq.current;
    setQuoting(true);
    const timer = window.setTimeout(() => {
      call(api.POST('/api/v1/orders/quote', { body: basket }))
        .then((value) => {
          if (mine !== quoteSeq.current) return;
          setQuote({ key: basketKey, value });
          setQuoteError(null);
        })
        .catch((err) => {
          if (mine !== quoteSeq.current) return;
          setQuoteError({ key: basketKey, message: err instanceof ApiError ? err.message : t('error.network') });
        })
        .finally(() => mine === quoteSeq.current && setQuoting(false));
    }, 120);
    return () => window.clearTimeout(timer);
  }, [basketKey]);

  const fresh = quote && quote.key === basketKey ? quote.value : null;
  const shown = quote?.value ?? null;
  const error = quoteError && quoteError.key === basketKey ? quoteError.message : null;
  const priced: (QuoteLine | undefined)[] = lines.map((_, i) => (shown && shown.lines.length === lines.length ? shown.lines[i] : undefined));

  const focusScan = useCallback(() => window.setTimeout(() => scanRef.current?.focus(), 0), []);

  // A line kind with an AddDialog (a card's sale preview) asks before the line is added.
  const [asking, setAsking] = useState<{ item: PickItem; quantity: number } | null>(null);
  const addItem = useCallback(
    (item: PickItem, quantity = 1, options?: Record<string, unknown>) => {
      const def = lineKind(item.kind);
      if (!def) {
        message.error(t('cashier.kindUnknown', { kind: item.kind }));
        return;
      }
      if (def.needsMember && !member) {
        message.warning({ content: t('cashier.needsMember', { name: item.name }), key: 'needs-member' });
        memberRef.current?.focus();
        return;
      }
      if (def.AddDialog && !options) {
        setAsking({ item, quantity });
        return;
      }
      const lines = linesRef.current;
      const same = lines.find((l) => l.kind === item.kind && l.itemId === item.itemId && l.priceOverride === undefined && !l.options && item.itemId !== null);
      if (same) {
        setLines(lines.map((l) => (l.uid === same.uid ? { ...l, quantity: Math.min(def.maxQuantity, l.quantity + quantity), stock: item.stock ?? l.stock } : l)));
        setSelected(same.uid);
      } else {
        const line = newLine(item, quantity, options);
        setLines([...lines, line]);
        setSelected(line.uid);
      }
      // Points are chosen at payment, against the final basket.
      setPointsToUse(0);
    },
    [member, message, t, setLines],
  );

  const setQuantity = (uid: string, quantity: number) => {
    setLines((ls) => ls.map((l) => (l.uid === uid ? { ...l, quantity: Math.max(1, Math.min(lineKind(l.kind)?.maxQuantity ?? 9999, quantity)) } : l)));
    setPointsToUse(0);
  };
  const removeLine = (uid: string) => {
    const i = linesRef.current.findIndex((l) => l.uid === uid);
    const next = linesRef.current.filter((l) => l.uid !== uid);
    setLines(next);
    setSelected(next[Math.min(i, next.length - 1)]?.uid ?? null);
    setPointsToUse(0);
  };

  const newSale = useCallback(() => {
    setLines([]);
    setSelected(null);
    setMember(null);
    setPointsToUse(0);
    setPayError(null);
    setDone(null);
    attempt.reset();
    scanRef.current?.clear();
    memberRef.current?.clear();
    focusScan();
  }, [attempt, focusScan, setLines]);

  const openPay = () => {
    if (lines.length === 0) {
      message.info({ content: t('cashier.cart.empty'), key: 'empty' });
      return;
    }
    if (error) {
      message.error({ content: error, key: 'quote-error' });
      return;
    }
    setPayError(null);
    setPayOpen(true);
  };

  async function pay(tenders: CheckoutTender[]) {
    if (!basket) return;
    const body = { ...basket, tenders };
    setPaying(true);
    setPayError(null);
    try {
      const order = await call(api.POST('/api/v1/orders', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      attempt.reset();
      setPayOpen(false);
      setDone(order);
      info.reload();
      shift.reload();
    } catch (err) {
      // The same body keeps its key: pressing Enter again retries without charging twice.
      setPayError(err);
      if (err instanceof ApiError && err.code === 'SHIFT_NOT_OPEN') shift.reload();
    } finally {
      setPaying(false);
    }
  }

  const anyModal = payOpen || !!done || shiftModal || customOpen || !!asking;
  useHotkeys(
    {
      F2: () => memberRef.current?.focus(),
      F3: () => scanRef.current?.focus(),
      F4: openPay,
      F7: () => {
        setMember(null);
        setPointsToUse(0);
        focusScan();
      },
      F8: () => {
        if (lines.length === 0 && !member) return newSale();
        Modal.confirm({ title: t('cashier.newSale.confirm'), okText: t('cashier.newSale'), cancelText: t('common.cancel'), onOk: newSale, focusable: { autoFocusButton: 'ok' } });
      },
    },
    !anyModal,
  );

  const onEmptyKey = (e: React.KeyboardEvent<HTMLInputElement>): boolean => {
    const i = lines.findIndex((l) => l.uid === selected);
    const sel = lines[i];
    if (e.key === 'ArrowDown' && lines.length) {
      setSelected(lines[Math.min(lines.length - 1, i + 1)].uid);
      return true;
    }
    if (e.key === 'ArrowUp' && lines.length) {
      setSelected(lines[Math.max(0, i - 1)].uid);
      return true;
    }
    if (!sel) return false;
    if (e.key === '+' || e.key === 'Add') {
      setQuantity(sel.uid, sel.quantity + 1);
      return true;
    }
    if (e.key === '-' || e.key === 'Subtract') {
      if (sel.quantity > 1) setQuantity(sel.uid, sel.quantity - 1);
      return true;
    }
    if (e.key === 'Delete') {
      removeLine(sel.uid);
      return true;
    }
    return false;
  };

  async function searchProducts(q: string): Promise<CashierItem[]> {
    const r = await call(api.GET('/api/v1/products/search', { params: { query: { q, storeId: storeId ?? undefined, limit: 10 } } }));
    return r.items;
  }

  async function onScan(text: string): Promise<true | CashierItem[]> {
    const scan = parseScan(text);
    if ('setQuantity' in scan) {
      if (selected && scan.setQuantity >= 1) setQuantity(selected, scan.setQuantity);
      return true;
    }
    try {
      const item = await call(api.GET('/api/v1/products/lookup', { params: { query: { code: scan.code, storeId: storeId ?? undefined } } }));
      if (!item.isActive) {
        message.error({ content: t('cashier.scan.inactive', { name: item.name }), key: 'scan' });
        return [];
      }
      if (item.isSoldInStore === false) {
        message.error({ content: t('cashier.scan.notHere', { name: item.name }), key: 'scan' });
        return [];
      }
      addItem(fromCashierItem(item), scan.quantity);
      return true;
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'PRODUCT_BARCODE_UNKNOWN')) {
        showError(err);
        return [];
      }
      // Not a code: what the desk typed is a name, pinyin or initials.
      const hits = await searchProducts(scan.code).catch(() => [] as CashierItem[]);
      if (hits.length === 1) {
        addItem(fromCashierItem(hits[0]), scan.quantity);
        return true;
      }
      if (hits.length === 0) message.error({ content: err.message, key: 'scan' });
      return hits;
    }
  }

  if (!storeId || !currentStore) return <Alert type="warning" showIcon title={t('cashier.noStore')} />;

  const current = shift.current;
  const canOperateShift = can('shift.operate');
  const payDisabled = lines.length === 0 || !!error;

  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 370px', gap: 16, height: 'calc(100vh - 104px)', minHeight: 600 }} data-testid="cashier">
      <Card styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, height: '100%', padding: 16 } }} style={{ minWidth: 0, height: '100%' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('cashier.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{currentStore.name}</Typography.Text>
          <div style={{ flex: 1 }} />
          {current?.shift ? (
            <Tooltip title={t('cashier.shift.since', { time: formatTime(current.shift.openedAt), name: current.shift.openedByName ?? '' })}>
              <Tag color="green" icon={<ClockCircleOutlined />} data-testid="shift-status">
                {t('cashier.shift.openNo', { no: current.shift.shiftNo })}
              </Tag>
            </Tooltip>
          ) : current?.requiresShift ? (
            <Tag color="red" icon={<ClockCircleOutlined />} data-testid="shift-status">
              {t('cashier.shift.none')}
            </Tag>
          ) : null}
        </div>
        {current && !current.shift && current.requiresShift && (
          <Alert
            type="warning"
            showIcon
            data-testid="shift-required"
            title={t('cashier.shift.required')}
            action={
              canOperateShift ? (
                <Button size="small" type="primary" onClick={() => setShiftModal(true)}>
                  {t('cashier.shift.open')}
                </Button>
              ) : undefined
            }
          />
        )}
        <Space.Compact style={{ width: '100%' }}>
          <div style={{ flex: 1 }}>
            <FinderInput<CashierItem>
              handleRef={scanRef}
              testId="scan-box"
              autoFocus
              prefix={<BarcodeOutlined style={{ color: '#8c8c8c', fontSize: 18 }} />}
              ariaLabel={t('cashier.scan.label')}
              placeholder={t('cashier.scan.placeholder')}
              emptyText={t('cashier.scan.none')}
              itemKey={(p) => p.id}
              search={searchProducts}
              onSubmit={onScan}
              onEmptyKey={onEmptyKey}
              onPick={(p) => {
                addItem(fromCashierItem(p));
                focusScan();
              }}
              renderItem={(p) => (
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
                  <span style={{ minWidth: 0 }}>
                    <Tag color={lineKind(p.kind)?.color}>{t(lineKind(p.kind)?.label ?? 'lineKind.product')}</Tag>
                    <Typography.Text strong>{p.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                      {p.barcode ?? p.sku ?? ''}
                    </Typography.Text>
                  </span>
                  <span style={{ flex: 'none' }}>
                    {p.kind === 'product' && p.stock !== null && (
                      <Typography.Text type={p.stock > 0 ? 'secondary' : 'danger'} style={{ marginInlineEnd: 12, fontSize: 12 }}>
                        {t('cashier.scan.stock', { stock: p.stock })}
                      </Typography.Text>
                    )}
                    <Typography.Text strong>{yuan(p.price)}</Typography.Text>
                  </span>
                </div>
              )}
            />
          </div>
          {can('order.customPrice') && (
            <Button size="large" icon={<PlusOutlined />} onClick={() => setCustomOpen(true)}>
              {t('cashier.custom.button')}
            </Button>
          )}
        </Space.Compact>
        <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <CartTable
            lines={lines}
            priced={priced}
            selected={selected}
            canOverride={can('order.customPrice')}
            onSelect={setSelected}
            onQuantity={setQuantity}
            onPrice={(uid, price) => {
              setLines((ls) => ls.map((l) => (l.uid === uid ? { ...l, priceOverride: price } : l)));
              setPointsToUse(0);
            }}
            onRemove={removeLine}
            onDone={focusScan}
          />
        </div>
        <SourceTabs
          storeId={storeId}
          onPick={(item) => {
            addItem(item);
            focusScan();
          }}
        />
      </Card>

      <Card styles={{ body: { display: 'flex', flexDirection: 'column', gap: 12, height: '100%', padding: 16 } }} style={{ height: '100%' }}>
        <MemberPanel
          member={member}
          info={info}
          finderRef={memberRef}
          onPick={(m) => {
            setMember(m);
            setPointsToUse(0);
            focusScan();
          }}
          onClear={() => {
            setMember(null);
            setPointsToUse(0);
            focusScan();
          }}
        />
        <div style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8, flex: 1, minHeight: 0, overflowY: 'auto' }}>
          <PriceSummary quote={shown} quoting={quoting} error={error} empty={lines.length === 0} />
        </div>
        <Button type="primary" size="large" icon={<WalletOutlined />} disabled={payDisabled} onClick={openPay} style={{ height: 56, fontSize: 18 }} data-testid="open-pay">
          {t('cashier.pay')} <Kbd>F4</Kbd>
        </Button>
        <KeysLegend />
      </Card>

      <PayModal
        open={payOpen}
        quote={fresh ?? shown}
        quoteReady={!!fresh && !quoting}
        hasMember={!!member}
        storedValue={info.storedValue?.available ?? null}
        pointsToUse={pointsToUse}
        onPoints={setPointsToUse}
        paying={paying}
        error={payError}
        onPay={(tenders) => void pay(tenders)}
        onClose={() => {
          setPayOpen(false);
          focusScan();
        }}
        onOpenShift={canOperateShift ? () => setShiftModal(true) : null}
        focusSignal={payFocus}
      />
      <DoneModal order={done} onNext={newSale} />
      <OpenShiftModal
        open={shiftModal}
        storeId={storeId}
        storeName={currentStore.name}
        onClose={() => setShiftModal(false)}
        onOpened={() => {
          setShiftModal(false);
          setPayError(null);
          shift.reload();
          if (payOpen) setPayFocus((n) => n + 1);
          else focusScan();
        }}
      />
      {asking &&
        (() => {
          const Dialog = lineKind(asking.item.kind)?.AddDialog;
          return Dialog ? (
            <Dialog
              item={asking.item}
              storeId={storeId}
              memberId={member?.id ?? null}
              onAdd={(options) => {
                setAsking(null);
                addItem(asking.item, asking.quantity, options ?? {});
                focusScan();
              }}
              onCancel={() => {
                setAsking(null);
                focusScan();
              }}
            />
          ) : null;
        })()}
      <CustomLineModal
        open={customOpen}
        onClose={() => {
          setCustomOpen(false);
          focusScan();
        }}
        onAdd={(v) => {
          setCustomOpen(false);
          addItem({ key: `custom-${Date.now()}`, kind: 'custom', itemId: null, name: v.name.trim(), price: v.price, unit: null }, v.quantity);
          focusScan();
        }}
      />
    </div>
  );
}

function KeysLegend() {
  const t = useT();
  const keys: [string, string][] = [
    ['F2', t('cashier.keys.member')],
    ['F3', t('cashier.keys.scan')],
    ['F4', t('cashier.keys.pay')],
    ['F7', t('cashier.keys.walkIn')],
    ['F8', t('cashier.keys.new')],
    ['↑ ↓', t('cashier.keys.select')],
    ['+ −', t('cashier.keys.qty')],
    ['Del', t('cashier.keys.remove')],
    ['3*', t('cashier.keys.times')],
  ];
  return (
    <div data-testid="keys-legend" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '4px 12px', fontSize: 12, color: '#595959' }}>
      {keys.map(([k, label]) => (
        <span key={k}>
          <Kbd>{k}</Kbd> {label}
        </span>
      ))}
    </div>
  );
}
