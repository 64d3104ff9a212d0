// Book a member or one of their children into a coach's free slot: the member by the desk's
// search (MemberPicker), the attendee, and the private-lesson package to hold — the server's
// list of eligible packages with the sessions each has left (automatic = the soonest to expire).
import { App, Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useAttemptKey } from '../cashier/idempotency';
import { hm } from '../classes/types';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { MemberPicker, type PickedMember } from '../members/MemberPicker';
import type { Dependent } from '../members/types';
import type { CardChoice, Coach, Slot } from './types';

export function BookAppointmentModal(props: { slot: Slot; coach: Coach; storeId: string; onClose(): void; onBooked(): void }) {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [member, setMember] = useState<PickedMember | null>(null);
  const [children, setChildren] = useState<Dependent[]>([]);
  const [attendeeId, setAttendeeId] = useState<string | null>(null);
  const [choice, setChoice] = useState<CardChoice | null>(null);
  const [cardId, setCardId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const attempt = useAttemptKey();
  const time = `${props.slot.businessDate} ${hm(props.slot.startsAt)}–${hm(props.slot.endsAt)}`;

  useEffect(() => {
    setChildren([]);
    setAttendeeId(member?.id ?? null);
    if (!member) return;
    call(api.GET('/api/v1/members/{memberId}/family', { params: { path: { memberId: member.id } } })).then((f) => setChildren(f.dependents), showError);
  }, [member, showError]);

  useEffect(() => {
    setChoice(null);
    setCardId('');
    if (!attendeeId) return;
    call(api.GET('/api/v1/appointment-cards', { params: { query: { teacherId: props.coach.teacherId, storeId: props.storeId, attendeeId, startsAt: props.slot.startsAt } } })).then(setChoice, showError);
  }, [attendeeId, props.coach.teacherId, props.storeId, props.slot.startsAt, showError]);

  const attendeeName = !member || !attendeeId ? '' : attendeeId === member.id ? member.name : (children.find((c) => c.id === attendeeId)?.name ?? '');

  async function submit() {
    if (!member || !attendeeId) {
      message.warning(t('appt.book.pickMember'));
      return;
    }
    const body = {
      teacherId: props.coach.teacherId,
      storeId: props.storeId,
      startsAt: props.slot.startsAt,
      attendeeId,
      ...(attendeeId !== member.id ? { memberId: member.id } : {}),
      ...(cardId ? { cardId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    setBusy(true);
    try {
      await call(api.POST('/api/v1/appointments', { body, headers: { 'Idempotency-Key': attempt.keyFor(body) } }));
      attempt.reset();
      message.success(t('appt.book.done', { name: attendeeName, time }));
      props.onBooked();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  }

  const noCards = !!choice && !choice.eligible.length;
  return (
    <Modal
      open
      title={t('appt.book.title', { coach: props.coach.name, time })}
      okText={t('appt.book.submit')}
      onOk={() => void submit()}
      okButtonProps={{ loading: busy, disabled: !attendeeId || noCards, ...({ 'data-testid': 'appt-book-submit' } as Record<string, string>) }}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <div data-testid="appt-book-form" data-member-name={member?.name ?? ''} data-cards={choice ? String(choice.eligible.length) : ''}>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('appt.book.member')}>
          <MemberPicker id="appt-member" autoFocus value={member?.id ?? null} onChange={(_, m) => setMember(m)} />
        </Form.Item>
        <Form.Item label={t('appt.book.attendee')}>
          <Select
            aria-label={t('appt.book.attendee')}
            disabled={!member}
            value={attendeeId ?? undefined}
            onChange={setAttendeeId}
            options={member ? [{ value: member.id, label: t('appt.book.self', { name: member.name }) }, ...children.map((c) => ({ value: c.id, label: t('appt.book.child', { name: c.name }) }))] : []}
          />
        </Form.Item>
        <Form.Item label={t('appt.book.card')}>
          <Select
            aria-label={t('appt.book.card')}
            data-testid="appt-card"
            disabled={!choice || noCards}
            value={cardId}
            onChange={setCardId}
            options={[{ value: '', label: t('appt.book.cardAuto') }, ...(choice?.eligible ?? []).map((c) => ({ value: c.cardId, label: t('appt.book.cardOption', { name: c.name, cardNo: c.cardNo, available: c.sessionsAvailable ?? '∞' }) }))]}
          />
        </Form.Item>
        {noCards && <Alert type="warning" showIcon message={t('appt.book.noCards')} description={choice!.ineligible.map((c) => `${c.name}: ${c.message}`).join(';')} style={{ marginBottom: 12 }} />}
        <Form.Item label={t('appt.book.note')}>
          <Input aria-label={t('appt.book.note')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} onPressEnter={() => void submit()} />
        </Form.Item>
      </Form>
      </div>
    </Modal>
  );
}
