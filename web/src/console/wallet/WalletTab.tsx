// The member's wallet tab: stored value (principal, bonus, frozen), points, the tier with its
// progress ("¥X more by DATE"), what staff may do with them (recharge, adjust, freeze, refund —
// each behind its permission), and the asset ledger with filters and cursor paging.
import { Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { MemberTier, PointsSummary, StoredValue } from '../../api/retail';
import type { ResponseOf } from '../../api/types';
import { yuan } from '../cashier/money';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { type MsgKey, useT } from '../i18n';
import type { MemberTabContext } from '../members/memberTabs';
import type { Member } from '../members/types';
import { useSession } from '../session';
import { FreezeModal, PointsAdjustModal, StoredValueAdjustModal } from './AdjustModals';
import { ASSETS, JOURNAL_KINDS, type Asset, assetAmount, assetName, journalName, metricValue } from './labels';
import { RechargeModal } from './RechargeModal';
import { RefundQuoteModal } from './RefundQuoteModal';

type Journal = ResponseOf<'/api/v1/members/{memberId}/ledger', 'get'>['items'][number];
type Dialog = 'recharge' | 'adjust' | 'points' | 'freeze' | 'refund' | null;
const PAGE_SIZE = 20;

export interface WalletData {
  sv: StoredValue | null;
  points: PointsSummary | null;
  tier: MemberTier | null;
}

/** Balances, points and tier of a member — each only when the staff member may see it. */
function useWallet(memberId: string): WalletData & { reload(): void } {
  const { can } = useSession();
  const showError = useApiError();
  const [data, setData] = useState<WalletData>({ sv: null, points: null, tier: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    const path = { params: { path: { memberId } } };
    Promise.all([
      can('wallet.read') ? call(api.GET('/api/v1/members/{memberId}/stored-value', path)) : null,
      can('points.read') ? call(api.GET('/api/v1/members/{memberId}/points', path)) : null,
      can('tier.read') ? call(api.GET('/api/v1/members/{memberId}/tier', path)) : null,
    ])
      .then(([sv, points, tier]) => live && setData({ sv, points, tier }))
      .catch((err) => live && showError(err));
    return () => {
      live = false;
    };
  }, [memberId, tick, can, showError]);
  return { ...data, reload: useCallback(() => setTick((x) => x + 1), []) };
}

export default function WalletTab({ member: m }: { member: Member; ctx: MemberTabContext }) {
  const t = useT();
  const { can } = useSession();
  const wallet = useWallet(m.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [assets, setAssets] = useState<Asset[]>([]);
  const [kinds, setKinds] = useState<string[]>([]);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);

  const from = range?.[0]?.startOf('day').toISOString();
  const to = range?.[1]?.endOf('day').toISOString();
  const ledger = useCursorList<Journal>(
    (cursor) =>
      call(
        api.GET('/api/v1/members/{memberId}/ledger', {
          params: { path: { memberId: m.id }, query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}), ...(assets.length ? { asset: assets } : {}), ...(kinds.length ? { kind: kinds } : {}), from, to } },
        }),
      ),
    [m.id, assets, kinds, from, to],
  );

  const done = () => {
    setDialog(null);
    wallet.reload();
    ledger.reset();
  };
  const active = !m.erasedAt;
  const actions: { key: Exclude<Dialog, null>; label: MsgKey; permission: string; primary?: boolean }[] = [
    { key: 'recharge', label: 'wallet.action.recharge', permission: 'order.create', primary: true },
    { key: 'points', label: 'wallet.action.points', permission: 'points.adjust' },
    { key: 'adjust', label: 'wallet.action.adjust', permission: 'wallet.adjust' },
    { key: 'freeze', label: 'wallet.action.freeze', permission: 'wallet.freeze' },
    { key: 'refund', label: 'wallet.action.refund', permission: 'wallet.refund' },
  ];

  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="wallet-tab">
      <Balances data={wallet} />
      {active && (
        <Space wrap>
          {actions
            .filter((a) => can(a.permission))
            .map((a) => (
              <Button key={a.key} type={a.primary ? 'primary' : 'default'} onClick={() => setDialog(a.key)} data-testid={`wallet-action-${a.key}`}>
                {t(a.label)}
              </Button>
            ))}
        </Space>
      )}

      <Card size="small" title={t('wallet.ledger')} data-testid="wallet-ledger">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select<Asset[]>
            mode="multiple"
            allowClear
            aria-label={t('wallet.ledger.asset')}
            placeholder={t('wallet.ledger.asset')}
            style={{ minWidth: 200 }}
            value={assets}
            onChange={setAssets}
            options={ASSETS.map((a) => ({ value: a, label: assetName(t, a) }))}
            data-testid="ledger-asset"
          />
          <Select<string[]>
            mode="multiple"
            allowClear
            aria-label={t('wallet.ledger.kind')}
            placeholder={t('wallet.ledger.kind')}
            style={{ minWidth: 240 }}
            value={kinds}
            onChange={setKinds}
            options={JOURNAL_KINDS.map((k) => ({ value: k, label: journalName(t, k) }))}
            data-testid="ledger-kind"
          />
          <DatePicker.RangePicker allowEmpty={[true, true]} value={range} onChange={(v) => setRange(v)} aria-label={t('wallet.ledger.range')} />
        </Space>
        <Table<Journal>
          rowKey="id"
          size="small"
          loading={ledger.loading}
          dataSource={ledger.items}
          pagination={false}
          locale={{ emptyText: t('wallet.ledger.empty') }}
          columns={[
            { title: t('wallet.ledger.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
            {
              title: t('wallet.ledger.kind'),
              dataIndex: 'kind',
              width: 150,
              render: (k: string, j) => (
                <Space size={4}>
                  <span data-testid="journal-kind">{journalName(t, k)}</span>
                  {j.reversesJournalId && <Tag color="orange">{t('wallet.ledger.reversal')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('wallet.ledger.entries'),
              key: 'entries',
              render: (_, j) => (
                <div style={{ display: 'grid', gap: 2 }} data-testid="journal-entries">
                  {j.entries.map((e) => (
                    <div key={e.id} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      <Typography.Text type="secondary">{assetName(t, e.kind)}</Typography.Text>{' '}
                      <Typography.Text strong style={{ color: e.amount < 0 ? '#cf1322' : '#389e0d' }}>
                        {assetAmount(e.kind, e.amount, true)}
                      </Typography.Text>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('wallet.ledger.after', { balance: assetAmount(e.kind, e.balanceAfter) })}
                      </Typography.Text>
                    </div>
                  ))}
                </div>
              ),
            },
            {
              title: t('wallet.ledger.reason'),
              key: 'reason',
              render: (_, j) => (
                <Space size={4} wrap>
                  {j.orderId && can('order.read') && <Link to={`/orders/${j.orderId}`}>{t('wallet.ledger.order')}</Link>}
                  {j.reason && <Typography.Text>{j.reason}</Typography.Text>}
                </Space>
              ),
            },
            { title: t('wallet.ledger.actor'), dataIndex: 'actorName', width: 100, render: (v: string | null) => v ?? '—' },
          ]}
        />
        <CursorPagination list={ledger} />
      </Card>

      <RechargeModal open={dialog === 'recharge'} member={m} onClose={() => setDialog(null)} onDone={done} />
      <StoredValueAdjustModal open={dialog === 'adjust'} member={m} sv={wallet.sv} onClose={() => setDialog(null)} onDone={done} />
      <PointsAdjustModal open={dialog === 'points'} member={m} points={wallet.points} onClose={() => setDialog(null)} onDone={done} />
      <FreezeModal open={dialog === 'freeze'} member={m} sv={wallet.sv} onClose={() => setDialog(null)} onDone={done} />
      <RefundQuoteModal open={dialog === 'refund'} member={m} onClose={() => setDialog(null)} onDone={done} />
    </div>
  );
}

function Figure(props: { label: string; value: string; testId: string; note?: string | null; color?: string }) {
  return (
    <div style={{ background: '#f6f8fb', borderRadius: 10, padding: '10px 14px', minWidth: 0 }}>
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <div data-testid={props.testId} style={{ fontSize: 22, fontWeight: 700, color: props.color ?? '#262626', fontVariantNumeric: 'tabular-nums', lineHeight: 1.3 }}>
        {props.value}
      </div>
      {props.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {props.note}
        </Typography.Text>
      )}
    </div>
  );
}

function Balances({ data }: { data: WalletData }) {
  const t = useT();
  const { sv, points, tier } = data;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }} data-testid="wallet-balances">
      {sv && (
        <>
          <Figure label={t('wallet.available')} value={yuan(sv.available)} testId="wallet-available" color="#c41d7f" />
          <Figure label={t('wallet.principal')} value={yuan(sv.principal)} testId="wallet-principal" />
          <Figure label={t('wallet.bonus')} value={yuan(sv.bonus)} testId="wallet-bonus" />
          <Figure label={t('wallet.frozen')} value={yuan(sv.frozen)} testId="wallet-frozen" color={sv.frozen > 0 ? '#d46b08' : undefined} />
        </>
      )}
      {points && (
        <Figure
          label={t('wallet.points')}
          value={points.available.toLocaleString()}
          testId="wallet-points"
          color="#d4380d"
          note={
            points.pending > 0
              ? t('wallet.points.pending', { points: points.pending.toLocaleString() })
              : points.nextExpiry
                ? t('wallet.points.expiry', { points: points.nextExpiry.points.toLocaleString(), date: points.nextExpiry.date })
                : null
          }
        />
      )}
      {tier && <TierFigure tier={tier} />}
    </div>
  );
}

/** "金卡 · ¥1,200 more to reach 钻石 · ¥300 more by 2026-12-31 to keep the tier". */
export function tierProgressLines(t: ReturnType<typeof useT>, tier: MemberTier): string[] {
  const lines: string[] = [];
  const amount = (v: number) => metricValue(tier.metric, v);
  if (tier.progress.next) lines.push(t('wallet.tier.next', { amount: amount(tier.progress.next.remaining), name: tier.progress.next.name }));
  else if (tier.level) lines.push(t('wallet.tier.top'));
  const keep = tier.progress.keep;
  if (keep && keep.remaining > 0) lines.push(keep.by ? t('wallet.tier.keep', { amount: amount(keep.remaining), date: keep.by }) : t('wallet.tier.keepNoDate', { amount: amount(keep.remaining) }));
  else if (keep && tier.evaluateOn) lines.push(t('wallet.tier.kept'));
  return lines;
}

function TierFigure({ tier }: { tier: MemberTier }) {
  const t = useT();
  const lines = tierProgressLines(t, tier);
  const metricKey = `tierCfg.metric.${tier.metric}` as MsgKey;
  return (
    <div style={{ background: '#f6f8fb', borderRadius: 10, padding: '10px 14px', gridColumn: 'span 2', minWidth: 0 }}>
      <Typography.Text type="secondary">{t('wallet.tier')}</Typography.Text>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <span data-testid="wallet-tier" style={{ fontSize: 22, fontWeight: 700, lineHeight: 1.3 }}>
          {tier.level?.name ?? t('wallet.tier.none')}
        </span>
        {tier.isLocked && <Tag>{t('wallet.tier.locked')}</Tag>}
        <Tooltip title={tier.evaluateOn ? t('wallet.tier.evaluateOn', { date: tier.evaluateOn }) : undefined}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('wallet.tier.metric', { metric: t(metricKey), value: metricValue(tier.metric, tier.metricValue) })}
          </Typography.Text>
        </Tooltip>
      </div>
      <div data-testid="wallet-tier-progress">
        {lines.map((l) => (
          <Typography.Text key={l} type="secondary" style={{ fontSize: 12, display: 'block' }}>
            {l}
          </Typography.Text>
        ))}
      </div>
    </div>
  );
}
