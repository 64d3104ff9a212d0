// Book a member or one of their children into the class: the member by the desk's search, the
// attendee (the member or a child, with the child's age), the card to hold (the server's
// choice — the soonest-expiring eligible card — unless one is named). A full class offers the
// waitlist; a double booking, an age outside the course's range or no usable card are said as
// the server says them.
import { App, Alert, Button, Form, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useLocale } from '../../i18n/locale';
import { useAttemptKey } from '../cashier/idempotency';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { MemberPicker, type PickedMember } from '../members/MemberPicker';
import type { Dependent } from '../members/types';
import { isApiCode } from './SessionDrawer';
import { type HeldCard, type Roster, ageMonths } from './types';

const USABLE = new Set(['active', 'expiring', 'pending']);

export function BookForm(props: { roster: Roster; onBooked(): void }) {
  const t = useT();
  const { locale } = useLocale();
  const showError = useApiError();
  const { message, modal } = App.useApp();
  const [member, setMember] = useState<PickedMember | null>(null);
  const [children, setChildren] = useState<Dependent[]>([]);
  const [cards, setCards] = useState<HeldCard[] | null>(null);
  const [attendeeId, setAttendeeId] = useState<string | null>(null);
  const [cardId, setCardId] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const attempt = useAttemptKey();

  useEffect(() => {
    setChildren([]);
    setCards(null);
    setCardId('');
    setAttendeeId(member?.id ?? null);
    if (!member) return;
    call(api.GET('/api/v1/members/{memberId}/family', { params: { path: { memberId: member.id } } })).then((f) => setChildren(f.dependents), showError);
    call(api.GET('/api/v1/members/{memberId}/cards', { params: { path: { memberId: member.id } } })).then(
      (r) => setCards([...r.held, ...r.shared].filter((c) => USABLE.has(c.status) && (!c.sessions || c.sessions.available > 0))),
      showError,
    );
  }, [member, showError]);

  const cardLabel = (c: HeldCard) =>
    c.sessions ? t('classes.book.cardOption', { name: c.name, cardNo: c.cardNo, available: c.sessions.available }) : t('classes.book.cardOptionTime', { name: c.name, cardNo: c.cardNo });

  const attendeeName = !member || !attendeeId ? '' : attendeeId === member.id ? member.name : (children.find((c) => c.id === attendeeId)?.name ?? '');

  async function book(joinWaitlist: boolean) {
    if (!member || !attendeeId) {
      message.warning(t('classes.book.pickMember'));
      return;
    }
    const body = {
      sessionId: props.roster.id,
      attendeeId,
      ...(attendeeId !== member.id ? { memberId: member.id } : {}),
      ...(cardId ? { cardId } : {}),
      joinWaitlist,
    };
    const name = attendeeName;
    setBusy(true);
    try {
      const b = await call(api.POST('/api/v1/bookings', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      attempt.reset();
      if (b.status === 'waitlisted') message.success(t('classes.book.waitlisted', { name, pos: b.waitlistPosition ?? '' }));
      else {
        const card = cards?.find((c) => c.id === b.cardId);
        message.success(card ? t('classes.book.done', { name, card: `${card.name} ${card.cardNo}` }) : t('classes.book.doneNoCard', { name }));
      }
      setMember(null);
      props.onBooked();
    } catch (err) {
      if (!joinWaitlist && isApiCode(err, 'COURSE_SESSION_FULL')) {
        modal.confirm({
          title: t('classes.book.fullTitle'),
          content: t('classes.book.full', { name }),
          okText: t('classes.book.joinWaitlist'),
          onOk: () => book(true),
        });
      } else showError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="book-form" data-member-name={member?.name ?? ''} data-attendee-name={attendeeName} style={{ background: '#fafafa', padding: 12, borderRadius: 8 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('classes.book.title')}
      </Typography.Title>
      <Form layout="vertical" onFinish={() => void book(false)}>
        <Space wrap align="start" style={{ width: '100%' }}>
          <Form.Item label={t('classes.book.member')} style={{ width: 260, marginBottom: 8 }}>
            <MemberPicker id="book-member" value={member?.id ?? null} onChange={(_, m) => setMember(m)} />
          </Form.Item>
          <Form.Item label={t('classes.book.attendee')} style={{ width: 200, marginBottom: 8 }}>
            <Select
              aria-label={t('classes.book.attendee')}
              disabled={!member}
              value={attendeeId ?? undefined}
              onChange={setAttendeeId}
              options={
                member
                  ? [
                      { value: member.id, label: t('classes.book.self', { name: member.name }) },
                      ...children.map((c) => ({ value: c.id, label: t('classes.book.child', { name: c.name, age: ageMonths(dayjs(props.roster.businessDate).diff(dayjs(c.birthday), 'month'), locale) }) })),
                    ]
                  : []
              }
            />
          </Form.Item>
          <Form.Item label={t('classes.book.card')} style={{ width: 240, marginBottom: 8 }}>
            <Select
              aria-label={t('classes.book.card')}
              disabled={!member}
              value={cardId}
              onChange={setCardId}
              options={[{ value: '', label: t('classes.book.cardAuto') }, ...(cards ?? []).map((c) => ({ value: c.id, label: cardLabel(c) }))]}
            />
          </Form.Item>
          <Form.Item label=" " style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!member} data-testid="book-submit">
              {t('classes.book.submit')}
            </Button>
          </Form.Item>
        </Space>
      </Form>
      {member && cards && (
        <Alert
          data-testid="book-card-note"
          type={cards.length ? 'info' : 'warning'}
          showIcon
          message={cards.length ? `${t('classes.book.holdNote')} ${cardLabel(cards.find((c) => c.id === cardId) ?? soonest(cards))}` : t('classes.book.noCards')}
        />
      )}
    </div>
  );
}

/** The card the server would pick among these: the soonest to expire (no expiry last). */
function soonest(cards: HeldCard[]): HeldCard {
  return [...cards].sort((a, b) => (a.validity.expiresOn ?? '9999').localeCompare(b.validity.expiresOn ?? '9999'))[0];
}
