// What the desk does with a member card, each in a dialog that asks the server first and shows
// the outcome before anything changes: freeze (the new expiry), transfer (the recipient and the
// fee), upgrade (the difference, new sessions and expiry), adjustment (with a reason), refund
// (the quote by the card's formula, confirmed as quoted), family members. Asset-moving POSTs
// carry one Idempotency-Key per attempt, so pressing OK twice never acts twice.
import { Alert, App, Button, type ButtonProps, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useAttemptKey } from '../cashier/idempotency';
import { yuan } from '../cashier/money';
import { EnterSubmits } from '../components/EnterSubmits';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { MemberPicker } from '../members/MemberPicker';
import { useSession } from '../session';
import { todayIso } from './format';
import type { CardProduct, CardRefundQuote, CardTender, FreezePreview, MemberCard, TransferPreview, UpgradePreview } from './types';

export type CardAction = 'freeze' | 'transfer' | 'upgrade' | 'adjust' | 'refund' | 'family';

interface DialogProps {
  card: MemberCard;
  onClose(): void;
  onDone(card: MemberCard, message: string): void;
}

const METHODS = ['cash', 'wechat', 'alipay', 'bank_card', 'stored_value'] as const;
type Method = (typeof METHODS)[number];

/** How a fee or difference is paid: one tender of the whole amount. */
function PayMethod(props: { amount: number; value: Method; onChange(m: Method): void }) {
  const t = useT();
  if (props.amount <= 0) return null;
  return (
    <Form.Item label={t('cards.pay.method', { amount: yuan(props.amount) })}>
      <Radio.Group value={props.value} onChange={(e) => props.onChange(e.target.value as Method)} optionType="button" options={METHODS.map((m) => ({ value: m, label: t(`tender.${m}`) }))} />
    </Form.Item>
  );
}

function payment(storeId: string | undefined, amount: number, method: Method): { storeId?: string; tenders?: CardTender[] } {
  return amount > 0 && storeId ? { storeId, tenders: [{ method, amount }] } : {};
}

// ---------------------------------------------------------------- freeze

export function FreezeDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const attempt = useAttemptKey();
  const [form] = Form.useForm<{ startOn: string; days: number | null; reason?: string }>();
  const startOn = Form.useWatch('startOn', form);
  const days = Form.useWatch('days', form);
  const [preview, setPreview] = useState<FreezePreview | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setPreview(null);
    if (!startOn || !days || days < 1) return;
    let live = true;
    const timer = setTimeout(() => {
      call(api.POST('/api/v1/member-cards/{cardId}/freeze-preview', { params: { path: { cardId: card.id } }, body: { startOn, days } }))
        .then((p) => live && setPreview(p))
        .catch((err) => live && showError(err, form));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [startOn, days]);

  async function submit(v: { startOn: string; days: number | null; reason?: string }) {
    if (!preview) return;
    const body = { startOn: v.startOn, days: v.days!, reason: v.reason?.trim() || null, ...payment(currentStore?.id, preview.fee, method) };
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/freezes', { params: { path: { cardId: card.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      onDone(r, t('cards.freeze.done', { date: preview.newExpiresOn ?? '—' }));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('cards.freeze.title', { name: card.name })}
      onCancel={onClose}
      okText={t('cards.freeze.confirm')}
      okButtonProps={{ disabled: !preview, loading: saving, 'data-testid': 'freeze-ok' } as ButtonProps}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ startOn: todayIso(), days: null }} onFinish={submit}>
        <Space size={16} align="start">
          <Form.Item name="startOn" label={t('cards.freeze.startOn')} rules={[{ required: true, message: t('cards.required') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="days" label={t('cards.freeze.days')} rules={[{ required: true, message: t('cards.required') }]} extra={t('cards.freeze.policy', { min: card.terms.freeze ? String((card.terms.freeze as { minDays: number }).minDays) : '1', max: card.terms.freeze ? String((card.terms.freeze as { maxDays: number }).maxDays) : '—' })}>
            <InputNumber min={1} max={366} autoFocus style={{ width: 140 }} aria-label={t('cards.freeze.days')} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('cards.reason.optional')}>
          <Input maxLength={200} />
        </Form.Item>
        {preview && (
          <div data-testid="freeze-preview">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('cards.freeze.period')}>{t('cards.range', { from: preview.startOn, to: preview.endOn })}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.expiresOn')}>
                <Space>
                  <Typography.Text delete={preview.isExpiryExtended && preview.newExpiresOn !== preview.expiresOn}>{preview.expiresOn ?? '—'}</Typography.Text>
                  <span>→</span>
                  <Typography.Text strong data-testid="freeze-new-expiry">
                    {preview.newExpiresOn ?? '—'}
                  </Typography.Text>
                  {preview.extensionDays > 0 && <Typography.Text type="success">{t('cards.freeze.extended', { days: preview.extensionDays })}</Typography.Text>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('cards.freeze.left')}>
                {t('cards.freeze.leftText', { times: preview.freezesLeft === null ? t('cards.unlimited') : String(preview.freezesLeft), days: preview.daysLeft === null ? t('cards.unlimited') : String(preview.daysLeft) })}
              </Descriptions.Item>
              <Descriptions.Item label={t('cards.fee')}>{yuan(preview.fee)}</Descriptions.Item>
            </Descriptions>
            <div style={{ marginTop: 12 }}>
              <PayMethod amount={preview.fee} value={method} onChange={setMethod} />
            </div>
          </div>
        )}
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- transfer

export function TransferDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const attempt = useAttemptKey();
  const [form] = Form.useForm<{ toMemberId: string | null; feePaidBy: 'from' | 'to'; reason?: string }>();
  const toMemberId = Form.useWatch('toMemberId', form);
  const [preview, setPreview] = useState<TransferPreview | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setPreview(null);
    if (!toMemberId) return;
    let live = true;
    call(api.POST('/api/v1/member-cards/{cardId}/transfer-preview', { params: { path: { cardId: card.id } }, body: { toMemberId } }))
      .then((p) => live && setPreview(p))
      .catch((err) => live && showError(err, form));
    return () => {
      live = false;
    };
  }, [toMemberId]);

  async function submit(v: { toMemberId: string | null; feePaidBy: 'from' | 'to'; reason?: string }) {
    if (!preview || !v.toMemberId) return;
    const body = { toMemberId: v.toMemberId, feePaidBy: v.feePaidBy, reason: v.reason?.trim() || null, ...payment(currentStore?.id, preview.fee, method) };
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/transfers', { params: { path: { cardId: card.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      onDone(r, t('cards.transfer.done', { name: preview.toMember.name, cardNo: r.cardNo }));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={t('cards.transfer.title', { name: card.name })}
      onCancel={onClose}
      okText={t('cards.transfer.confirm')}
      okButtonProps={{ disabled: !preview, loading: saving, 'data-testid': 'transfer-ok' } as ButtonProps}
      onOk={() => form.submit()}
      cancelText={t('common.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ toMemberId: null, feePaidBy: 'from' }} onFinish={submit}>
        <Form.Item name="toMemberId" label={t('cards.transfer.to')} rules={[{ required: true, message: t('cards.required') }]}>
          <MemberPicker excludeId={card.memberId} autoFocus id="transfer-to" placeholder={t('cards.transfer.toPlaceholder')} />
        </Form.Item>
        {preview && (
          <div data-testid="transfer-preview">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('cards.transfer.recipient')}>{`${preview.toMember.name} · ${preview.toMember.memberNo}`}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.remaining')}>{preview.sessionsRemaining === null ? t('cards.sessions.unlimited') : String(preview.sessionsRemaining)}</Descriptions.Item>
              <Descriptions.Item label={t('cards.field.expiresOn')}>{preview.expiresOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('cards.fee')}>
                <Typography.Text strong data-testid="transfer-fee">
                  {yuan(preview.fee)}
                </Typography.Text>
              </Descriptions.Item>
              {preview.familyRemoved > 0 && <Descriptions.Item label={t('cards.family')}>{t('cards.transfer.familyRemoved', { n: preview.familyRemoved })}</Descriptions.Item>}
            </Descriptions>
            {preview.fee > 0 && (
              <div style={{ marginTop: 12 }}>
                <Form.Item name="feePaidBy" label={t('cards.transfer.feePaidBy')}>
                  <Radio.Group options={[{ value: 'from', label: t('cards.transfer.byFrom') }, { value: 'to', label: t('cards.transfer.byTo') }]} />
                </Form.Item>
                <PayMethod amount={preview.fee} value={method} onChange={setMethod} />
              </div>
            )}
          </div>
        )}
        <Form.Item name="reason" label={t('cards.reason.optional')}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- upgrade

export function UpgradeDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { currentStore } = useSession();
  const attempt = useAttemptKey();
  const [products, setProducts] = useState<CardProduct[] | null>(null);
  const [toProductId, setTo] = useState<string | null>(null);
  const [preview, setPreview] = useState<UpgradePreview | null>(null);
  const [method, setMethod] = useState<Method>('cash');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

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
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/upgrades', { params: { path: { cardId: card.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      onDone(r, t('cards.upgrade.done', { name: preview.toProductName }));
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
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

// ---------------------------------------------------------------- adjustment

export function AdjustDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const attempt = useAttemptKey();
  const [form] = Form.useForm<{ sessions?: number | null; days?: number | null; reason: string }>();
  const [saving, setSaving] = useState(false);

  async function submit(v: { sessions?: number | null; days?: number | null; reason: string }) {
    if (!v.sessions && !v.days) {
      form.setFields([{ name: 'sessions', errors: [t('cards.adjust.nothing')] }]);
      return;
    }
    const body = { ...(v.sessions ? { sessions: v.sessions } : {}), ...(v.days ? { days: v.days } : {}), reason: v.reason.trim() };
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/adjustments', { params: { path: { cardId: card.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      onDone(r, t('cards.adjust.done'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={t('cards.adjust.title', { name: card.name })} onCancel={onClose} okText={t('common.save')} okButtonProps={{ loading: saving }} onOk={() => form.submit()} cancelText={t('common.cancel')}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Space size={16} align="start">
          {card.sessions && (
            <Form.Item name="sessions" label={t('cards.adjust.sessions')} extra={t('cards.adjust.signed')}>
              <InputNumber min={-10000} max={10000} autoFocus style={{ width: 160 }} />
            </Form.Item>
          )}
          <Form.Item name="days" label={t('cards.adjust.days')} extra={t('cards.adjust.signed')}>
            <InputNumber min={-3660} max={3660} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('cards.reason')} rules={[{ required: true, whitespace: true, message: t('cards.adjust.reasonRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- refund

export function RefundDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const attempt = useAttemptKey();
  const [moneyMethod, setMoneyMethod] = useState<'original' | 'cash'>('original');
  const [quote, setQuote] = useState<CardRefundQuote | null>(null);
  const [failed, setFailed] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setQuote(null);
    setConfirmed(false);
    let live = true;
    call(api.POST('/api/v1/member-cards/{cardId}/refund-quote', { params: { path: { cardId: card.id } }, body: { moneyMethod } }))
      .then((q) => {
        if (live) {
          setQuote(q);
          setFailed(false);
        }
      })
      .catch((err) => {
        if (!live) return;
        setFailed(true);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [moneyMethod]);

  async function submit() {
    if (!quote || !confirmed) return;
    const body = { quoteToken: quote.quoteToken, moneyMethod, reason: reason.trim() || null };
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/refunds', { params: { path: { cardId: card.id } }, body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      onDone(r.card, t('cards.refund.done', { amount: yuan(quote.amount) }));
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  }

  const unit = quote?.basis === 'days' ? t('cards.unit.day') : t('cards.unit.session');
  return (
    <Modal
      open
      width={600}
      title={t('cards.refund.title', { name: card.name })}
      onCancel={onClose}
      okText={quote ? t('cards.refund.confirm', { amount: yuan(quote.amount) }) : t('cards.refund.confirmPlain')}
      okButtonProps={{ danger: true, disabled: !quote || !confirmed, loading: saving, 'data-testid': 'refund-ok' } as ButtonProps}
      onOk={() => void submit()}
      cancelText={t('common.cancel')}
    >
      {!quote && !failed && <Spin style={{ display: 'block', margin: 24 }} />}
      {failed && !quote && <Alert type="error" showIcon title={t('cards.refund.quoteFailed')} />}
      {quote && (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="refund-quote">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('cards.refund.formula')} span={2}>
              {t(FORMULA_LABEL[quote.formula])}
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.paid')}>
              <span data-testid="refund-paid">{yuan(quote.paid)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.used')}>{t('cards.refund.usedOf', { used: quote.used, total: quote.total, unit })}</Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.deduction')}>
              <span data-testid="refund-deduction">{yuan(-quote.deduction)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.fee')}>{yuan(-quote.fee)}</Descriptions.Item>
            <Descriptions.Item label={t('cards.refund.amount')} span={2}>
              <Typography.Text strong style={{ fontSize: 18 }} data-testid="refund-amount">
                {yuan(quote.amount)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
                {t('cards.refund.split', { money: yuan(quote.moneyTotal), sv: yuan(quote.storedValueTotal) })}
              </Typography.Text>
            </Descriptions.Item>
            {quote.sessionsForfeited !== null && (
              <Descriptions.Item label={t('cards.refund.forfeited')} span={2}>
                {quote.sessionsForfeited}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Radio.Group value={moneyMethod} onChange={(e) => setMoneyMethod(e.target.value)} options={[{ value: 'original', label: t('refund.method.original') }, { value: 'cash', label: t('refund.method.cash') }]} />
          {quote.terms.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20, fontSize: 12, color: '#595959' }}>
              {quote.terms.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
          <Input maxLength={500} placeholder={t('cards.reason.optional')} value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('cards.reason.optional')} />
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="refund-confirm">
            {t('cards.refund.check', { amount: yuan(quote.amount) })}
          </Checkbox>
        </div>
      )}
    </Modal>
  );
}

const FORMULA_LABEL = { proportional: 'cards.formula.proportional', package_unit_price: 'cards.formula.package_unit_price', list_price_capped: 'cards.formula.list_price_capped' } as const;

// ---------------------------------------------------------------- family

export function FamilyDialog({ card, onClose, onDone }: DialogProps) {
  const t = useT();
  const showError = useApiError();
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ userId: string | null; relation?: string; maxSessions?: number | null }>();
  const [saving, setSaving] = useState(false);
  const [who, setWho] = useState<'member' | 'child'>('member');
  const [children, setChildren] = useState<{ id: string; name: string }[]>([]);
  const policy = card.terms.family as { isAllowed: boolean; maxMembers: number } | undefined;

  useEffect(() => {
    // The holder's own children (dep_…) may be named too.
    call(api.GET('/api/v1/members/{memberId}/family', { params: { path: { memberId: card.memberId } } }))
      .then((f) => setChildren(f.dependents.map((d) => ({ id: d.id, name: d.name }))))
      .catch(() => setChildren([]));
  }, [card.memberId]);

  async function add(v: { userId: string | null; relation?: string; maxSessions?: number | null }) {
    if (!v.userId) return;
    setSaving(true);
    try {
      const r = await call(api.POST('/api/v1/member-cards/{cardId}/family-members', { params: { path: { cardId: card.id } }, body: { userId: v.userId, relation: v.relation?.trim() || null, maxSessions: v.maxSessions ?? null } }));
      form.resetFields();
      onDone(r, t('cards.family.added'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  function remove(userId: string, name: string | null) {
    modal.confirm({
      title: t('cards.family.removeConfirm', { name: name ?? userId }),
      okText: t('cards.family.remove'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const r = await call(api.DELETE('/api/v1/member-cards/{cardId}/family-members/{userId}', { params: { path: { cardId: card.id, userId } } }));
          onDone(r, t('cards.family.removed'));
        } catch (err) {
          showError(err);
        }
      },
    });
  }

  return (
    <Modal open title={t('cards.family.title', { name: card.name })} onCancel={onClose} footer={<Button onClick={onClose}>{t('cards.close')}</Button>} width={600}>
      {!policy?.isAllowed && <Alert type="info" showIcon title={t('cards.family.notAllowed')} style={{ marginBottom: 12 }} />}
      {card.family.length > 0 ? (
        <ul style={{ paddingInlineStart: 20 }}>
          {card.family.map((f) => (
            <li key={f.userId} style={{ marginBottom: 4 }}>
              <Space>
                <span>{f.name ?? f.userId}</span>
                {f.relation && <Typography.Text type="secondary">{f.relation}</Typography.Text>}
                <Typography.Text type="secondary">{f.maxSessions === null ? t('cards.family.noLimit', { used: f.sessionsUsed }) : t('cards.family.limit', { used: f.sessionsUsed, max: f.maxSessions })}</Typography.Text>
                <Button size="small" type="link" danger onClick={() => remove(f.userId, f.name)}>
                  {t('cards.family.remove')}
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      ) : (
        <Typography.Paragraph type="secondary">{t('cards.family.empty')}</Typography.Paragraph>
      )}
      {policy?.isAllowed && card.family.length >= policy.maxMembers && <Typography.Text type="secondary">{t('cards.family.full', { max: policy.maxMembers })}</Typography.Text>}
      {policy?.isAllowed && card.family.length < policy.maxMembers && (
        <Form form={form} layout="vertical" onFinish={add}>
          <Typography.Text strong>{t('cards.family.add', { max: policy.maxMembers })}</Typography.Text>
          {children.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Radio.Group
                value={who}
                onChange={(e) => {
                  setWho(e.target.value);
                  form.setFieldValue('userId', null);
                }}
                options={[
                  { value: 'member', label: t('cards.family.aMember') },
                  { value: 'child', label: t('cards.family.aChild') },
                ]}
              />
            </div>
          )}
          <Form.Item name="userId" label={t(who === 'child' ? 'cards.family.child' : 'cards.family.member')} rules={[{ required: true, message: t('cards.required') }]} style={{ marginTop: 8 }}>
            {who === 'child' ? <Select options={children.map((c) => ({ value: c.id, label: c.name }))} /> : <MemberPicker excludeId={card.memberId} />}
          </Form.Item>
          <Space size={16} align="start">
            <Form.Item name="relation" label={t('cards.family.relation')}>
              <Input maxLength={20} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="maxSessions" label={t('cards.family.maxSessions')}>
              <InputNumber min={0} max={10000} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <div>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('cards.family.addButton')}
            </Button>
          </div>
        </Form>
      )}
    </Modal>
  );
}
