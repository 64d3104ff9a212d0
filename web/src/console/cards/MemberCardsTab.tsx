// The member page's "会员卡" tab: each card with its status, sessions left, validity and running
// freeze, the actions staff may take on it (activate, freeze / unfreeze, transfer, upgrade,
// adjust, refund, family) and its history; cards shared with the member as family below; ended
// cards (transferred, refunded, cancelled, expired) folded away.
import { HistoryOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Empty, Progress, Space, Spin, Switch, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call, newIdempotencyKey } from '../../api/client';
import { yuan } from '../cashier/money';
import { formatTime } from '../format';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { eventDetail, eventTitle } from './cardEvents';
import type { MemberTabContext } from '../members/memberTabs';
import type { Member } from '../members/types';
import { useSession } from '../session';
import { AdjustDialog, CancelDialog, type CardAction, FamilyDialog, FreezeDialog, RefundDialog, TransferDialog, UpgradeDialog } from './dialogs';
import { KIND_COLOR, KIND_LABEL, LIVE_STATUSES, STATUS_COLOR, sessionsText } from './format';
import { printCardTerms } from './printTerms';
import type { CardEvent, MemberCard } from './types';

export default function MemberCardsTab({ member }: { member: Member; ctx: MemberTabContext }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [data, setData] = useState<{ held: MemberCard[]; shared: MemberCard[] } | null>(null);
  const [showEnded, setShowEnded] = useState(false);
  const [dialog, setDialog] = useState<{ card: MemberCard; action: CardAction } | null>(null);
  const [history, setHistory] = useState<MemberCard | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await call(api.GET('/api/v1/members/{memberId}/cards', { params: { path: { memberId: member.id } } })));
    } catch (err) {
      showError(err);
    }
  }, [member.id, showError]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!data) return <Spin style={{ display: 'block', margin: 32 }} />;
  const live = data.held.filter((c) => LIVE_STATUSES.includes(c.status));
  const ended = data.held.filter((c) => !LIVE_STATUSES.includes(c.status));

  const done = (_card: MemberCard, text: string) => {
    setDialog(null);
    message.success(text);
    void load();
  };
  const open = (card: MemberCard, action: CardAction) => setDialog({ card, action });

  return (
    <div data-testid="member-cards" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('cards.tab.summary', { live: live.length, ended: ended.length })}</Typography.Text>
        {ended.length > 0 && (
          <Space>
            <Switch size="small" checked={showEnded} onChange={setShowEnded} aria-label={t('cards.tab.showEnded')} />
            <Typography.Text>{t('cards.tab.showEnded')}</Typography.Text>
          </Space>
        )}
      </Space>
      {live.length === 0 && !showEnded && <Empty description={t('cards.tab.empty')} />}
      {(showEnded ? [...live, ...ended] : live).map((c) => (
        <CardBox key={c.id} card={c} onAction={(a) => open(c, a)} onHistory={() => setHistory(c)} onChanged={load} />
      ))}
      {data.shared.length > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
            {t('cards.tab.shared')}
          </Typography.Title>
          {data.shared.map((c) => (
            <CardBox key={c.id} card={c} shared onAction={() => undefined} onHistory={() => setHistory(c)} onChanged={load} />
          ))}
        </>
      )}
      {dialog?.action === 'freeze' && <FreezeDialog card={dialog.card} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.action === 'transfer' && <TransferDialog card={dialog.card} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.action === 'upgrade' && <UpgradeDialog card={dialog.card} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.action === 'adjust' && <AdjustDialog card={dialog.card} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.action === 'cancel' && <CancelDialog card={dialog.card} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.action === 'refund' && <RefundDialog card={dialog.card} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.action === 'family' && (
        <FamilyDialog
          card={dialog.card}
          onClose={() => setDialog(null)}
          onDone={(card, text) => {
            message.success(text);
            setDialog({ card, action: 'family' });
            void load();
          }}
        />
      )}
      <HistoryDrawer card={history} onClose={() => setHistory(null)} />
    </div>
  );
}

function CardBox(props: { card: MemberCard; shared?: boolean; onAction(a: CardAction): void; onHistory(): void; onChanged(): void }) {
  const t = useT();
  const { can } = useSession();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const c = props.card;
  const liveCard = LIVE_STATUSES.includes(c.status);
  const frozen = c.freezes.current;
  const operate = can('card.operate') && !props.shared && liveCard;

  const simple = (kind: 'activate' | 'unfreeze') =>
    modal.confirm({
      title: t(kind === 'activate' ? 'cards.activate.confirm' : 'cards.unfreeze.confirm', { name: c.name }),
      content: kind === 'unfreeze' && frozen ? t('cards.unfreeze.hint', { from: frozen.startOn, to: frozen.endOn }) : undefined,
      okText: t(kind === 'activate' ? 'cards.action.activate' : 'cards.action.unfreeze'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        const headers = { 'Idempotency-Key': newIdempotencyKey() };
        try {
          if (kind === 'activate') await call(api.POST('/api/v1/member-cards/{cardId}/activate', { params: { path: { cardId: c.id } }, body: {}, headers }));
          else await call(api.POST('/api/v1/member-cards/{cardId}/unfreeze', { params: { path: { cardId: c.id } }, body: {}, headers }));
          message.success(t(kind === 'activate' ? 'cards.activate.done' : 'cards.unfreeze.done'));
          props.onChanged();
        } catch (err) {
          showError(err);
        }
      },
    });

  const s = c.sessions;
  return (
    <Card size="small" data-testid={`card-${c.cardNo}`} styles={{ body: { padding: 14 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1.3fr) minmax(0, 1fr) minmax(0, 1fr)', gap: 16, alignItems: 'start' }}>
        <div>
          <Space wrap size={6}>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {c.name}
            </Typography.Text>
            <Tag color={KIND_COLOR[c.kind]}>{t(KIND_LABEL[c.kind])}</Tag>
            <Tag color={STATUS_COLOR[c.status]} data-testid="card-status">
              {c.statusName}
            </Tag>
          </Space>
          <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }}>
            {t('cards.box.no', { cardNo: c.cardNo, soldOn: c.soldOn })}
            {c.origin === 'transfer' && ` · ${t('cards.box.fromTransfer')}`}
            {props.shared && ` · ${t('cards.box.holder', { name: c.memberName ?? '' })}`}
          </div>
          <div style={{ fontSize: 12, marginTop: 4 }}>{t('cards.box.paid', { paid: yuan(c.paidAmount), list: yuan(c.listPrice), left: yuan(c.valueRemaining) })}</div>
          {c.saleWarnings.map((w) => (
            <Typography.Text key={w.code} type="warning" style={{ fontSize: 12, display: 'block' }}>
              {w.message}
            </Typography.Text>
          ))}
        </div>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cards.field.remaining')}
          </Typography.Text>
          <div data-testid="card-sessions" style={{ fontSize: 18, fontWeight: 600 }}>
            {sessionsText(t, c)}
          </div>
          {s && <Progress percent={s.total ? Math.round((s.remaining / s.total) * 100) : 0} showInfo={false} size="small" />}
          {s && s.held > 0 && <Typography.Text style={{ fontSize: 12 }}>{t('cards.box.held', { n: s.held })}</Typography.Text>}
        </div>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cards.field.expiresOn')}
          </Typography.Text>
          <div data-testid="card-expiry" style={{ fontSize: 18, fontWeight: 600 }}>
            {c.validity.expiresOn ?? (c.status === 'pending' ? t('cards.box.notStarted') : t('cards.validity.none'))}
          </div>
          <div style={{ fontSize: 12 }}>
            {c.validity.activatedOn && t('cards.box.activatedOn', { date: c.validity.activatedOn })}
            {c.validity.daysLeft !== null && liveCard && ` · ${t('cards.box.daysLeft', { n: c.validity.daysLeft })}`}
            {c.status === 'pending' && c.validity.activateOn && t('cards.box.activateOn', { date: c.validity.activateOn })}
            {c.status === 'pending' && c.validity.activateBy && t('cards.box.activateBy', { date: c.validity.activateBy })}
          </div>
        </div>
      </div>
      {frozen && (
        <Alert
          style={{ marginTop: 10 }}
          type="info"
          showIcon
          data-testid="card-freeze"
          title={t(frozen.status === 'scheduled' ? 'cards.box.freezeScheduled' : 'cards.box.frozen', { from: frozen.startOn, to: frozen.endOn, days: frozen.days })}
        />
      )}
      {c.family.length > 0 && (
        <div style={{ fontSize: 12, marginTop: 8 }}>
          {t('cards.family')}: {c.family.map((f) => `${f.name ?? f.userId}${f.relation ? `(${f.relation})` : ''}`).join('、')}
        </div>
      )}
      <Space wrap size={6} style={{ marginTop: 10 }}>
        {operate && c.status === 'pending' && (
          <Button size="small" type="primary" onClick={() => simple('activate')}>
            {t('cards.action.activate')}
          </Button>
        )}
        {operate && !frozen && c.status !== 'pending' && (
          <Button size="small" onClick={() => props.onAction('freeze')}>
            {t('cards.action.freeze')}
          </Button>
        )}
        {operate && frozen && (
          <Button size="small" onClick={() => simple('unfreeze')}>
            {t('cards.action.unfreeze')}
          </Button>
        )}
        {operate && (
          <Button size="small" onClick={() => props.onAction('transfer')}>
            {t('cards.action.transfer')}
          </Button>
        )}
        {operate && (
          <Button size="small" onClick={() => props.onAction('upgrade')}>
            {t('cards.action.upgrade')}
          </Button>
        )}
        {operate && (
          <Button size="small" onClick={() => props.onAction('family')}>
            {t('cards.action.family')}
          </Button>
        )}
        {can('card.adjust') && !props.shared && liveCard && (
          <Button size="small" onClick={() => props.onAction('adjust')}>
            {t('cards.action.adjust')}
          </Button>
        )}
        {can('card.adjust') && !props.shared && liveCard && (
          <Button size="small" danger onClick={() => props.onAction('cancel')}>
            {t('cards.action.cancel')}
          </Button>
        )}
        {can('card.refund') && !props.shared && c.status !== 'refunded' && c.status !== 'transferred' && c.status !== 'cancelled' && (
          <Button size="small" danger onClick={() => props.onAction('refund')}>
            {t('cards.action.refund')}
          </Button>
        )}
        <Button size="small" type="link" icon={<HistoryOutlined />} onClick={props.onHistory}>
          {t('cards.action.history')}
        </Button>
        <Button
          size="small"
          type="link"
          icon={<PrinterOutlined />}
          onClick={() => printCardTerms(c.id, { holder: t('cards.print.holder'), signature: t('cards.print.signature'), date: t('cards.print.date') }, c.memberName ?? '').catch(showError)}
        >
          {t('cards.action.printTerms')}
        </Button>
      </Space>
    </Card>
  );
}

const EVENT_COLOR: Record<string, string> = { sold: 'green', activated: 'green', frozen: 'blue', unfrozen: 'blue', transferred_out: 'orange', transferred_in: 'green', refunded: 'red', cancelled: 'red', expired: 'gray', upgraded: 'purple', adjusted: 'purple' };

function HistoryDrawer(props: { card: MemberCard | null; onClose(): void }) {
  const t = useT();
  const showError = useApiError();
  const [items, setItems] = useState<CardEvent[] | null>(null);
  useEffect(() => {
    setItems(null);
    if (!props.card) return;
    call(api.GET('/api/v1/member-cards/{cardId}/history', { params: { path: { cardId: props.card.id }, query: { limit: 100 } } }))
      .then((r) => setItems(r.items))
      .catch((err) => {
        setItems([]);
        showError(err);
      });
  }, [props.card?.id]);
  return (
    <Drawer open={!!props.card} onClose={props.onClose} title={props.card ? t('cards.history.title', { name: props.card.name, cardNo: props.card.cardNo }) : ''} size={480}>
      {!items ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <Timeline
          data-testid="card-history"
          items={items.map((e) => ({
            color: EVENT_COLOR[e.kind] ?? 'gray',
            content: (
              <div>
                <Typography.Text strong>{eventTitle(t, e.kind)}</Typography.Text>
                <div style={{ fontSize: 12 }}>{eventDetail(t, e.kind, e.summary)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(e.createdAt)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

