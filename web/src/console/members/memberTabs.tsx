// The member page's tabs — an extension point. Each feature that shows something about a
// member (wallet, cards, bookings …) adds one line here: a key (the ?tab= value), a label from
// its own messages, the permission that shows the tab, and what it renders for the member.
// Tabs render lazily when opened; `ctx.reload()` refreshes the member (after an edit).
import { type ReactNode, Suspense, lazy } from 'react';
import { Spin } from 'antd';
import type { MsgKey } from '../i18n';
import type { Member } from './types';

export interface MemberTabContext {
  /** Load the member again (the header and every tab see the change). */
  reload(): void;
}

export interface MemberTab {
  key: string;
  label: MsgKey;
  /** Who sees the tab; null: everyone who may open the member. */
  permission: string | null;
  render(member: Member, ctx: MemberTabContext): ReactNode;
}

const ProfileTab = lazy(() => import('./tabs/ProfileTab'));
const FamilyTab = lazy(() => import('./tabs/FamilyTab'));
const HealthTab = lazy(() => import('./tabs/HealthTab'));
const InteractionsTab = lazy(() => import('./tabs/InteractionsTab'));
const TimelineTab = lazy(() => import('./tabs/TimelineTab'));
const WalletTab = lazy(() => import('../wallet/WalletTab'));
const MemberCardsTab = lazy(() => import('../cards/MemberCardsTab'));
const BookingsTab = lazy(() => import('../classes/MemberBookingsTab'));

function lazyTab(node: ReactNode): ReactNode {
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 32 }} />}>{node}</Suspense>;
}

export const MEMBER_TABS: MemberTab[] = [
  { key: 'profile', label: 'members.tab.profile', permission: null, render: (m, ctx) => lazyTab(<ProfileTab member={m} ctx={ctx} />) },
  { key: 'family', label: 'members.tab.family', permission: null, render: (m, ctx) => lazyTab(<FamilyTab member={m} ctx={ctx} />) },
  { key: 'health', label: 'members.tab.health', permission: 'member.sensitive.read', render: (m, ctx) => lazyTab(<HealthTab member={m} ctx={ctx} />) },
  { key: 'wallet', label: 'wallet.tab', permission: 'wallet.read', render: (m, ctx) => lazyTab(<WalletTab member={m} ctx={ctx} />) },
  { key: 'cards', label: 'members.tab.cards', permission: 'card.read', render: (m, ctx) => lazyTab(<MemberCardsTab member={m} ctx={ctx} />) },
  { key: 'bookings', label: 'classes.tab', permission: 'course.read', render: (m) => lazyTab(<BookingsTab member={m} />) },
  { key: 'interactions', label: 'members.tab.interactions', permission: null, render: (m, ctx) => lazyTab(<InteractionsTab member={m} ctx={ctx} />) },
  { key: 'timeline', label: 'members.tab.timeline', permission: null, render: (m) => lazyTab(<TimelineTab member={m} />) },
];
