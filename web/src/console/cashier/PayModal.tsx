// Taking the payment (F4): points the member chooses (within the cap), then any split of stored
// value, WeChat Pay, Alipay, bank card (with their reference numbers) and cash — cash last, as
// handed over, with the change worked out. Keyboard: ↑/↓ between tenders, Enter fills what is
// still due into an empty field, or confirms once nothing is due; Esc goes back to the basket.
import { Alert, Button, Input, type InputRef, Modal, Space, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, NetworkError } from '../../api/client';
import type { CheckoutQuote, CheckoutTender } from '../../api/retail';
import { useT } from '../i18n';
import { Kbd } from './Kbd';
import { METHOD_COLOR, methodName } from './labels';
import { MoneyInput } from './MoneyInput';
import { yuan } from './money';

type MoneyMethod = 'stored_value' | 'wechat' | 'alipay' | 'bank_card';
const ELECTRONIC: MoneyMethod[] = ['wechat', 'alipay', 'bank_card'];
type RowKey = 'points' | 'stored_value' | 'cash' | 'wechat' | 'alipay' | 'bank_card';

export interface PayState {
  payable: number;
  nonCash: number;
  cashApplied: number;
  change: number;
  remaining: number;
  problems: string[];
  tenders: CheckoutTender[];
}

/** Work out the split: non-cash tenders as entered, cash covers the rest and gives change. */
export function splitTenders(
  t: ReturnType<typeof useT>,
  payable: number,
  svMax: number | null,
  amounts: Record<MoneyMethod, number | null>,
  refs: Record<string, string>,
  cashTendered: number | null,
): PayState {
  const problems: string[] = [];
  const nonCash = (Object.values(amounts) as (number | null)[]).reduce<number>((s, v) => s + (v ?? 0), 0);
  const need = payable - nonCash;
  const tendered = cashTendered ?? 0;
  const cashApplied = need > 0 ? Math.min(tendered, need) : 0;
  const change = tendered - cashApplied;
  if (nonCash > payable) problems.push(t('pay.problem.over', { over: yuan(nonCash - payable) }));
  if (svMax !== null && (amounts.stored_value ?? 0) > svMax) problems.push(t('pay.problem.storedValue', { max: yuan(svMax) }));
  if (tendered > 0 && need <= 0) problems.push(t('pay.problem.noCash'));
  const tenders: CheckoutTender[] = [];
  if ((amounts.stored_value ?? 0) > 0) tenders.push({ method: 'stored_value', amount: amounts.stored_value! });
  for (const m of ELECTRONIC) {
    const a = amounts[m] ?? 0;
    if (a > 0) tenders.push({ method: m, amount: a, ...(refs[m]?.trim() ? { reference: refs[m].trim() } : {}) });
  }
  if (cashApplied > 0) tenders.push({ method: 'cash', amount: cashApplied, tendered });
  return { payable, nonCash, cashApplied, change, remaining: Math.max(0, need - cashApplied), problems, tenders };
}

/** Notes a customer is likely to hand over for an amount: exact, then the next 10 / 50 / 100. */
function cashSuggestions(need: number): number[] {
  if (need <= 0) return [];
  const up = (step: number) => Math.ceil(need / step) * step;
  return [...new Set([need, up(1000), up(5000), up(10000)])].slice(0, 4);
}

export interface PayModalProps {
  open: boolean;
  quote: CheckoutQuote | null;
  quoteReady: boolean;
  hasMember: boolean;
  storedValue: number | null;
  pointsToUse: number;
  onPoints(points: number): void;
  paying: boolean;
  error: unknown;
  onPay(tenders: CheckoutTender[]): void;
  onClose(): void;
  onOpenShift: (() => void) | null;
  /** Changes when the dialog should take the cursor back (e.g. after a shift was opened). */
  focusSignal?: number;
}

export function PayModal(props: PayModalProps) {
  const t = useT();
  const q = props.quote;
  const [amounts, setAmounts] = useState<Record<MoneyMethod, number | null>>({ stored_value: null, wechat: null, alipay: null, bank_card: null });
  const [refs, setRefs] = useState<Record<string, string>>({});
  const [cash, setCash] = useState<number | null>(null);
  const [pointsText, setPointsText] = useState('');
  const inputs = useRef<Partial<Record<string, InputRef | null>>>({});

  const held = q?.balances?.points ?? 0;
  const maxPoints = q?.maxPoints ?? 0;
  const step = q?.pointsRule.step ?? 1;
  const svAvailable = props.storedValue ?? q?.balances?.storedValue ?? 0;
  const svMax = q ? Math.min(q.storedValueLimit, svAvailable) : 0;
  const rows = useMemo<RowKey[]>(() => {
    const r: RowKey[] = [];
    if (props.hasMember && (held > 0 || props.pointsToUse > 0)) r.push('points');
    // Stored value only where it can pay (not for recharges) and the member holds some.
    if (props.hasMember && svAvailable > 0 && svMax > 0) r.push('stored_value');
    r.push('cash', 'wechat', 'alipay', 'bank_card');
    return r;
  }, [props.hasMember, held, svAvailable, svMax, props.pointsToUse]);

  // Focus moves at once, inside the key handler: the next key typed must land in the next field.
  const focusRow = (key: RowKey, sub?: 'ref') => {
    const el = inputs.current[sub ? `${key}.ref` : key];
    if (el) el.focus({ cursor: 'all' });
    else window.setTimeout(() => inputs.current[sub ? `${key}.ref` : key]?.focus({ cursor: 'all' }), 0);
  };

  useEffect(() => {
    if (!props.open) return;
    setAmounts({ stored_value: null, wechat: null, alipay: null, bank_card: null });
    setRefs({});
    setCash(null);
    setPointsText(props.pointsToUse ? String(props.pointsToUse) : '');
    // Reset only when the dialog opens.
  }, [props.open]);
  // Stored value first when the member has some, cash otherwise — at once, so keys typed right
  // after F4 land there (and the dialog's focus lock keeps focus that is already inside it).
  const focusFirst = () => focusRow(rows.includes('stored_value') ? 'stored_value' : 'cash');
  useEffect(() => {
    if (!props.open) return;
    const timer = window.setTimeout(focusFirst, 0);
    return () => window.clearTimeout(timer);
  }, [props.open]);
  useEffect(() => {
    if (props.open && props.focusSignal) window.setTimeout(focusFirst, 0);
  }, [props.focusSignal]);
  const inRows = () => Object.values(inputs.current).some((el) => el?.input && el.input === document.activeElement);

  // Points the member chose: applied through a new quote once they are a valid choice.
  const pointsValue = pointsText.trim() === '' ? 0 : /^\d+$/.test(pointsText.trim()) ? Number(pointsText.trim()) : NaN;
  const pointsProblem = Number.isNaN(pointsValue)
    ? t('pay.points.invalid')
    : pointsValue > held
      ? t('pay.points.notHeld', { held: held.toLocaleString() })
      : pointsValue > maxPoints
        ? t('pay.points.overCap', { max: maxPoints.toLocaleString() })
        : pointsValue % step !== 0
          ? t('pay.points.step', { step })
          : null;
  useEffect(() => {
    if (!props.open || pointsProblem || pointsValue === props.pointsToUse) return;
    const timer = window.setTimeout(() => props.onPoints(pointsValue), 250);
    return () => window.clearTimeout(timer);
  }, [pointsValue, pointsProblem, props.open]);

  const payable = q?.payable ?? 0;
  const state = splitTenders(t, payable, svMax, amounts, refs, cash);
  const pointsPending = !pointsProblem && pointsValue !== props.pointsToUse;
  const ready = !!q && props.quoteReady && !pointsPending && !pointsProblem && state.problems.length === 0 && state.remaining === 0 && !props.paying;

  const pay = () => {
    if (ready) props.onPay(state.tenders);
  };
  const move = (key: RowKey, delta: number) => {
    const i = rows.indexOf(key);
    const next = rows[(i + delta + rows.length) % rows.length];
    focusRow(next);
  };
  const still = () => Math.max(0, payable - state.nonCash - state.cashApplied);

  const onEnter = (key: RowKey, sub?: 'ref') => {
    if (key === 'points') {
      if (pointsText.trim() === '' && maxPoints > 0) setPointsText(String(Math.floor(maxPoints / step) * step));
      else move(key, 1);
      return;
    }
    if (sub === 'ref') {
      if (ready) pay();
      else move(key, 1);
      return;
    }
    const empty = key === 'cash' ? cash === null : amounts[key as MoneyMethod] === null;
    const due = still();
    if (empty && due > 0) {
      if (key === 'cash') setCash(due);
      else {
        const fill = key === 'stored_value' ? Math.min(due, svMax) : due;
        if (fill > 0) setAmounts((a) => ({ ...a, [key]: fill }));
        if (ELECTRONIC.includes(key as MoneyMethod)) focusRow(key, 'ref');
      }
      return;
    }
    if (ready) pay();
    else move(key, 1);
  };

  const keys = (key: RowKey, sub?: 'ref') => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter(key, sub);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(key, 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(key, -1);
    }
  };

  const shiftMissing = props.error instanceof ApiError && props.error.code === 'SHIFT_NOT_OPEN';
  const err = props.error;
  const errorText =
    err instanceof ApiError
      ? [err.message, ...err.fieldIssues.filter((i) => i.message !== err.message).map((i) => i.message)].join(' · ')
      : err instanceof NetworkError
        ? t('pay.networkRetry')
        : err
          ? t('error.unexpected')
          : null;

  return (
    <Modal
      open={props.open}
      onCancel={props.onClose}
      title={t('pay.title')}
      width={760}
      destroyOnHidden
      mask={{ closable: false }}
      afterOpenChange={(open) => open && !inRows() && focusFirst()}
      footer={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('pay.keys.move')} · <Kbd>Enter</Kbd> {t('pay.keys.enter')} · <Kbd>Esc</Kbd> {t('pay.keys.back')}
          </Typography.Text>
          <Space>
            <Button onClick={props.onClose}>{t('pay.back')}</Button>
            <Button type="primary" size="large" disabled={!ready} loading={props.paying} onClick={pay} data-testid="pay-confirm">
              {t('pay.confirm', { amount: yuan(payable) })}
            </Button>
          </Space>
        </div>
      }
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 12, marginBottom: 16 }}>
        <Figure label={t('pay.due')} value={yuan(payable)} color="#cf1322" testId="pay-due" />
        <Figure label={t('pay.received')} value={yuan(state.nonCash + state.cashApplied + state.change)} color="#262626" testId="pay-received" />
        {state.change > 0 ? (
          <Figure label={t('pay.change')} value={yuan(state.change)} color="#389e0d" testId="pay-change" />
        ) : (
          <Figure label={t('pay.remaining')} value={yuan(state.remaining)} color={state.remaining > 0 ? '#d46b08' : '#389e0d'} testId="pay-remaining" />
        )}
      </div>

      {errorText && (
        <Alert
          type="error"
          showIcon
          title={errorText}
          data-testid="pay-error"
          style={{ marginBottom: 12 }}
          action={
            shiftMissing && props.onOpenShift ? (
              <Button size="small" type="primary" onClick={props.onOpenShift} data-testid="pay-open-shift">
                {t('cashier.shift.open')}
              </Button>
            ) : undefined
          }
        />
      )}
      {state.problems.map((p) => (
        <Alert key={p} type="warning" showIcon title={p} style={{ marginBottom: 8 }} />
      ))}

      <div style={{ display: 'grid', gap: 8 }}>
        {rows.includes('points') && (
          <TenderRow color={METHOD_COLOR.points} label={methodName(t, 'points')} hint={t('pay.points.hint', { held: held.toLocaleString(), max: maxPoints.toLocaleString(), value: yuan(maxPoints * (q?.pointsRule.fenPerPoint ?? 0)) })}>
            <Space.Compact style={{ width: 260 }}>
              <Input
                ref={(el) => {
                  inputs.current.points = el;
                }}
                aria-label={t('pay.points.use')}
                data-testid="pay-points"
                inputMode="numeric"
                value={pointsText}
                status={pointsProblem ? 'error' : undefined}
                placeholder="0"
                onChange={(e) => setPointsText(e.target.value.replace(/[^\d]/g, ''))}
                onKeyDown={keys('points')}
                suffix={t('pay.points.unit')}
              />
              <Button onClick={() => setPointsText(String(Math.floor(maxPoints / step) * step))} disabled={maxPoints <= 0}>
                {t('pay.points.max')}
              </Button>
            </Space.Compact>
            {(pointsProblem || props.pointsToUse > 0) && (
              <Typography.Text type={pointsProblem ? 'danger' : 'success'} style={{ fontSize: 12 }} data-testid="pay-points-note">
                {pointsProblem ?? t('pay.points.applied', { value: yuan(props.pointsToUse * (q?.pointsRule.fenPerPoint ?? 0)) })}
              </Typography.Text>
            )}
          </TenderRow>
        )}
        {rows.includes('stored_value') && (
          <TenderRow color={METHOD_COLOR.stored_value} label={methodName(t, 'stored_value')} hint={t('pay.sv.hint', { balance: yuan(svAvailable), max: yuan(svMax) })}>
            <MoneyInput
              ref={(el) => {
                inputs.current.stored_value = el;
              }}
              aria-label={methodName(t, 'stored_value')}
              data-testid="pay-stored_value"
              style={{ width: 200 }}
              value={amounts.stored_value}
              onChange={(v) => setAmounts((a) => ({ ...a, stored_value: v }))}
              onKeyDown={keys('stored_value')}
            />
          </TenderRow>
        )}
        <TenderRow color={METHOD_COLOR.cash} label={methodName(t, 'cash')} hint={t('pay.cash.hint')}>
          <MoneyInput
            ref={(el) => {
              inputs.current.cash = el;
            }}
            aria-label={t('pay.cash.tendered')}
            data-testid="pay-cash"
            style={{ width: 200 }}
            value={cash}
            onChange={setCash}
            onKeyDown={keys('cash')}
          />
          <Space size={4}>
            {cashSuggestions(Math.max(0, payable - state.nonCash)).map((v) => (
              <Button key={v} size="small" onClick={() => setCash(v)}>
                {yuan(v)}
              </Button>
            ))}
          </Space>
        </TenderRow>
        {ELECTRONIC.map((m) => (
          <TenderRow key={m} color={METHOD_COLOR[m]} label={methodName(t, m)}>
            <MoneyInput
              ref={(el) => {
                inputs.current[m] = el;
              }}
              aria-label={methodName(t, m)}
              data-testid={`pay-${m}`}
              style={{ width: 200 }}
              value={amounts[m]}
              onChange={(v) => setAmounts((a) => ({ ...a, [m]: v }))}
              onKeyDown={keys(m)}
            />
            <Input
              ref={(el) => {
                inputs.current[`${m}.ref`] = el;
              }}
              aria-label={t('pay.reference', { method: methodName(t, m) })}
              placeholder={t('pay.reference.placeholder')}
              style={{ width: 240 }}
              maxLength={64}
              value={refs[m] ?? ''}
              onChange={(e) => setRefs((r) => ({ ...r, [m]: e.target.value }))}
              onKeyDown={keys(m, 'ref')}
            />
          </TenderRow>
        ))}
      </div>
    </Modal>
  );
}

function Figure(props: { label: string; value: string; color: string; testId: string }) {
  return (
    <div style={{ background: '#f6f8fb', borderRadius: 10, padding: '10px 14px' }}>
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <div data-testid={props.testId} style={{ fontSize: 28, fontWeight: 700, color: props.color, fontVariantNumeric: 'tabular-nums', lineHeight: 1.25 }}>
        {props.value}
      </div>
    </div>
  );
}

function TenderRow(props: { color: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 12, padding: '8px 12px', borderRadius: 8, border: '1px solid #f0f0f0', borderLeft: `4px solid ${props.color}` }}>
      <Typography.Text strong style={{ width: 84, flex: 'none' }}>
        {props.label}
      </Typography.Text>
      <div style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 8, flex: 1, minWidth: 0 }}>
        {props.children}
        {props.hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 'auto', textAlign: 'right' }}>
            {props.hint}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
