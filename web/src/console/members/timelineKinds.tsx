// How each kind of timeline entry reads — an extension point like memberTabs.tsx: modules that
// append to the member timeline (orders, bookings, check-ins …) add a line for their kinds and,
// if they like, a filter group. Unknown kinds still show, with their summary's values.
import { AuditOutlined, CalendarOutlined, CreditCardOutlined, CommentOutlined, CrownOutlined, DollarOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined, WalletOutlined } from '@ant-design/icons';
import { formatTime } from '../format';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { MsgKey, T } from '../i18n';
import { eventDetail, eventTitle } from '../cards/cardEvents';
import { INTERACTION_KIND_LABEL, INTERACTION_STATUS_LABEL, formatFen } from './format';
import type { InteractionKind, InteractionStatus } from './types';

type Summary = Record<string, unknown>;

export interface TimelineKind {
  /** An exact kind ("order.paid") or a prefix ending in "." ("interaction."). */
  match: string;
  color: string;
  icon: ReactNode;
  title(t: T, s: Summary, kind: string): string;
  detail?(t: T, s: Summary, kind: string): string | null;
}

export interface TimelineGroup {
  key: string;
  label: MsgKey;
  kinds: string[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const interactionKind = (t: T, k: unknown) => (typeof k === 'string' && k in INTERACTION_KIND_LABEL ? t(INTERACTION_KIND_LABEL[k as InteractionKind]) : str(k));
const interactionStatus = (t: T, s: unknown) => (typeof s === 'string' && s in INTERACTION_STATUS_LABEL ? t(INTERACTION_STATUS_LABEL[s as InteractionStatus]) : str(s));
const FIELD_LABEL: Record<string, MsgKey> = {
  name: 'members.field.name',
  mobile: 'members.field.mobile',
  gender: 'members.field.gender',
  birthday: 'members.field.birthday',
  birthdayCalendar: 'members.field.birthday',
  lunarBirthday: 'members.field.birthday',
  email: 'members.field.email',
  address: 'members.field.address',
  cardNo: 'members.field.cardNo',
  homeStoreId: 'members.field.homeStore',
  sourceChannel: 'members.field.sourceChannel',
  referrerMemberId: 'members.field.referrer',
  referrerName: 'members.field.referrer',
  interests: 'members.field.interests',
  goals: 'members.field.goals',
  notes: 'members.field.notes',
  tags: 'members.field.tags',
  customFields: 'members.field.customFields',
  emergencyContact: 'members.field.emergency',
  idType: 'members.sensitive.idType',
  idNumber: 'members.sensitive.idNumber',
  health: 'members.sensitive.health',
};
const fieldList = (t: T, fields: unknown) =>
  Array.isArray(fields) && fields.length ? t('timeline.fields', { fields: [...new Set(fields.map((f) => (typeof f === 'string' && FIELD_LABEL[f] ? t(FIELD_LABEL[f]) : str(f))))].join(t('common.listSep')) }) : null;
const consentKind = (t: T, k: unknown) => t(k === 'child' ? 'members.consent.child' : 'members.consent.sensitive');
const fen = (v: unknown) => (typeof v === 'number' ? formatFen(v) : '');
const signedFen = (v: unknown) => (typeof v === 'number' && v > 0 ? `+${formatFen(v)}` : fen(v));
const signed = (v: unknown) => (typeof v === 'number' && v > 0 ? `+${v}` : str(v));
const reason = (t: T, s: Summary) => (s.reason ? t('timeline.reason', { reason: str(s.reason) }) : null);

/** Bookings and check-ins (the course module): the event, the course and when it starts. */
const CLASS_EVENTS = ['booking.confirmed', 'booking.waitlisted', 'booking.promoted', 'booking.waitlist_left', 'booking.cancelled', 'booking.late_cancelled', 'booking.leave', 'booking.no_show', 'booking.class_cancelled', 'class.checked_in', 'class.check_in_undone'];
const CLASS_COLOR: Record<string, string> = { 'booking.confirmed': 'blue', 'booking.promoted': 'green', 'class.checked_in': 'green', 'booking.late_cancelled': 'red', 'booking.no_show': 'red', 'booking.class_cancelled': 'orange' };
const classKinds: TimelineKind[] = CLASS_EVENTS.map((kind) => ({
  match: kind,
  color: CLASS_COLOR[kind] ?? 'gray',
  icon: <CalendarOutlined />,
  title: (t, s) => t('timeline.class', { event: t(`timeline.class.${kind}` as MsgKey), course: str(s.courseName), time: typeof s.startsAt === 'string' ? formatTime(s.startsAt) : '' }),
  detail: (t, s) => (s.isWalkIn ? t('timeline.class.walkIn') : reason(t, s)),
}));
const TIER_REASON: Record<string, MsgKey> = { upgrade: 'timeline.tier.reason.upgrade', downgrade: 'timeline.tier.reason.downgrade', manual: 'timeline.tier.reason.manual', initial: 'timeline.tier.reason.initial' };

export const TIMELINE_KINDS: TimelineKind[] = [
  {
    match: 'class.feedback',
    color: 'cyan',
    icon: <CommentOutlined />,
    title: (t, s) => t('teacher.timeline.feedback', { course: str(s.courseName) }),
    detail: (t, s) => t('teacher.timeline.by', { teacher: str(s.teacherName), text: str(s.text) }),
  },
  {
    match: 'class.feedback_edited',
    color: 'cyan',
    icon: <CommentOutlined />,
    title: (t, s) => t('teacher.timeline.feedbackEdited', { course: str(s.courseName) }),
    detail: (t, s) => t('teacher.timeline.by', { teacher: str(s.teacherName), text: str(s.text) }),
  },
  { match: 'member.created', color: 'green', icon: <UserOutlined />, title: (t, s) => t(s.origin === 'import' ? 'timeline.member.imported' : s.origin === 'lead' ? 'timeline.member.fromLead' : 'timeline.member.created', { memberNo: str(s.memberNo) }) },
  { match: 'member.updated', color: 'blue', icon: <UserOutlined />, title: (t) => t('timeline.member.updated'), detail: (t, s) => fieldList(t, s.fields) },
  { match: 'member.photo.updated', color: 'blue', icon: <UserOutlined />, title: (t) => t('timeline.member.photo') },
  { match: 'member.sensitive.updated', color: 'purple', icon: <SafetyCertificateOutlined />, title: (t) => t('timeline.member.sensitive'), detail: (t, s) => fieldList(t, s.fields) },
  { match: 'member.erased', color: 'gray', icon: <UserOutlined />, title: (t) => t('timeline.member.erased') },
  { match: 'consent.granted', color: 'green', icon: <SafetyCertificateOutlined />, title: (t, s) => t('timeline.consent.granted', { kind: consentKind(t, s.kind), version: str(s.version) }) },
  {
    match: 'consent.withdrawn',
    color: 'orange',
    icon: <SafetyCertificateOutlined />,
    title: (t, s) => t('timeline.consent.withdrawn', { kind: consentKind(t, s.kind) }),
    detail: (t, s) => (s.sensitiveDataDeleted ? t('timeline.consent.dataDeleted') : null),
  },
  { match: 'family.dependent.added', color: 'cyan', icon: <TeamOutlined />, title: (t, s) => t('timeline.family.child', { relation: str(s.relation) }) },
  { match: 'family.guardian.added', color: 'cyan', icon: <TeamOutlined />, title: (t, s) => t('timeline.family.guardian', { relation: str(s.relation) }) },
  {
    match: 'interaction.resolved',
    color: 'green',
    icon: <CommentOutlined />,
    title: (t, s) => t('timeline.interaction.resolved', { kind: interactionKind(t, s.kind) }),
  },
  {
    match: 'interaction.status',
    color: 'orange',
    icon: <CommentOutlined />,
    title: (t, s) => t('timeline.interaction.status', { kind: interactionKind(t, s.kind), from: interactionStatus(t, s.from), to: interactionStatus(t, s.to) }),
  },
  {
    match: 'interaction.',
    color: 'blue',
    icon: <CommentOutlined />,
    title: (t, _s, kind) => t('timeline.interaction.new', { kind: interactionKind(t, kind.slice('interaction.'.length)) }),
    detail: (_t, s) => (s.subject ? str(s.subject) : null),
  },
  {
    match: 'lead.converted',
    color: 'green',
    icon: <AuditOutlined />,
    title: (t) => t('timeline.lead.converted'),
    detail: (t, s) => (s.sourceChannel ? t('timeline.lead.source', { source: str(s.sourceChannel) }) : null),
  },
  {
    match: 'order.paid',
    color: 'gold',
    icon: <DollarOutlined />,
    title: (t, s) => t('timeline.order.paid', { orderNo: str(s.orderNo), amount: typeof s.payable === 'number' ? formatFen(s.payable) : '' }),
    detail: (t, s) => (Array.isArray(s.lines) && s.lines.length ? s.lines.map(str).join(t('common.listSep')) : null),
  },
  {
    match: 'order.refunded',
    color: 'red',
    icon: <DollarOutlined />,
    title: (t, s) => t('timeline.order.refunded', { orderNo: str(s.orderNo), amount: typeof s.total === 'number' ? formatFen(s.total) : '' }),
    detail: (_t, s) => (s.refundNo ? str(s.refundNo) : null),
  },
  ...classKinds,
  { match: 'stored_value.adjusted', color: 'gold', icon: <WalletOutlined />, title: (t, s) => t('timeline.sv.adjusted', { principal: signedFen(s.principal), bonus: signedFen(s.bonus) }), detail: reason },
  { match: 'stored_value.frozen', color: 'blue', icon: <WalletOutlined />, title: (t, s) => t('timeline.sv.frozen', { amount: fen(s.amount) }), detail: reason },
  { match: 'stored_value.unfrozen', color: 'blue', icon: <WalletOutlined />, title: (t, s) => t('timeline.sv.unfrozen', { amount: fen(s.amount) }), detail: reason },
  { match: 'stored_value.refunded', color: 'red', icon: <WalletOutlined />, title: (t, s) => t('timeline.sv.refunded', { amount: fen(s.amount) }), detail: (t, s) => t('timeline.sv.refundedDetail', { bonus: fen(s.bonusForfeited), fee: fen(s.fee) }) },
  { match: 'points.adjusted', color: 'gold', icon: <WalletOutlined />, title: (t, s) => t('timeline.points.adjusted', { points: signed(s.points) }), detail: reason },
  { match: 'points.expired', color: 'gray', icon: <WalletOutlined />, title: (t, s) => t('timeline.points.expired', { points: str(s.points) }) },
  {
    match: 'tier.changed',
    color: 'purple',
    icon: <CrownOutlined />,
    title: (t, s) => t('timeline.tier.changed', { from: s.from ? str(s.from) : t('timeline.tier.none'), to: s.to ? str(s.to) : t('timeline.tier.none') }),
    detail: (t, s) => (typeof s.reason === 'string' && TIER_REASON[s.reason] ? t(TIER_REASON[s.reason]) : null),
  },
  {
    match: 'card.',
    color: 'purple',
    icon: <CreditCardOutlined />,
    title: (t, s, kind) => t('timeline.card', { event: eventTitle(t, kind.slice('card.'.length)), name: str(s.name), cardNo: str(s.cardNo) }),
    detail: (t, s, kind) => eventDetail(t, kind.slice('card.'.length), s),
  },
  {
    match: 'appointment.',
    color: 'cyan',
    icon: <CalendarOutlined />,
    title: (t, s, kind) => t('timeline.appointment', { event: t(`appt.status.${kind.slice('appointment.'.length)}` as MsgKey), coach: str(s.coachName), time: s.startsAt ? dayjs(str(s.startsAt)).format('YYYY-MM-DD HH:mm') : '' }),
    detail: (t, s) => (typeof s.sessionsRemaining === 'number' ? t('appt.sessionsLeft', { n: s.sessionsRemaining }) : s.reason ? str(s.reason) : null),
  },
];

export const TIMELINE_GROUPS: TimelineGroup[] = [
  {
    key: 'profile',
    label: 'timeline.group.profile',
    kinds: ['member.created', 'member.updated', 'member.photo.updated', 'member.sensitive.updated', 'member.erased', 'consent.granted', 'consent.withdrawn', 'family.dependent.added', 'family.guardian.added', 'lead.converted'],
  },
  {
    key: 'interactions',
    label: 'timeline.group.interactions',
    kinds: ['interaction.consultation', 'interaction.complaint', 'interaction.suggestion', 'interaction.visit', 'interaction.status', 'interaction.resolved'],
  },
  { key: 'orders', label: 'timeline.group.orders', kinds: ['order.paid', 'order.refunded'] },
  { key: 'assets', label: 'timeline.group.assets', kinds: ['stored_value.adjusted', 'stored_value.frozen', 'stored_value.unfrozen', 'stored_value.refunded', 'points.adjusted', 'points.expired', 'tier.changed'] },
  { key: 'classes', label: 'timeline.group.classes', kinds: [...CLASS_EVENTS, 'class.feedback', 'class.feedback_edited'] },
  {
    key: 'cards',
    label: 'timeline.group.cards',
    kinds: ['card.sold', 'card.activated', 'card.frozen', 'card.unfrozen', 'card.transferred_out', 'card.transferred_in', 'card.upgraded', 'card.adjusted', 'card.refunded', 'card.cancelled', 'card.expired', 'card.family_added', 'card.family_changed', 'card.family_removed'],
  },
];

const FALLBACK: TimelineKind = {
  match: '',
  color: 'gray',
  icon: <CalendarOutlined />,
  title: (_t, _s, kind) => kind,
  detail: (_t, s) =>
    Object.entries(s)
      .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
      .map(([k, v]) => `${k}: ${str(v)}`)
      .join(' · ') || null,
};

/** The renderer for a kind: an exact match first, then the longest prefix. */
export function timelineKind(kind: string): TimelineKind {
  const exact = TIMELINE_KINDS.find((k) => k.match === kind);
  if (exact) return exact;
  const prefix = TIMELINE_KINDS.filter((k) => k.match.endsWith('.') && kind.startsWith(k.match)).sort((a, b) => b.match.length - a.match.length)[0];
  return prefix ?? FALLBACK;
}
