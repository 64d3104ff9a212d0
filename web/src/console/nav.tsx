// The console's pages: where they live, which permission opens them, and how the menu groups
// them. The sider and the workbench shortcuts both read this list, so a page the staff member
// may not open is never offered. Later modules (members, cashier, booking …) add their entries.
import {
  ApiOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  ContactsOutlined,
  CrownOutlined,
  WalletOutlined,
  ControlOutlined,
  CreditCardOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FunnelPlotOutlined,
  HomeOutlined,
  ImportOutlined,
  ReadOutlined,
  ScheduleOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MsgKey } from './i18n';

export type NavGroup = 'home' | 'retail' | 'member' | 'classes' | 'org' | 'system';

export interface NavItem {
  key: string;
  path: string;
  icon: ReactNode;
  label: MsgKey;
  /** One line for the workbench shortcut. */
  desc: MsgKey;
  /** The permission that opens the page; null: every signed-in staff member. */
  permission: string | null;
  group: NavGroup;
}

export const NAV: NavItem[] = [
  { key: 'workbench', path: '/', icon: <HomeOutlined />, label: 'nav.workbench', desc: 'nav.workbench.desc', permission: null, group: 'home' },
  { key: 'cashier', path: '/cashier', icon: <ShoppingCartOutlined />, label: 'nav.cashier', desc: 'nav.cashier.desc', permission: 'order.create', group: 'retail' },
  { key: 'orders', path: '/orders', icon: <FileTextOutlined />, label: 'nav.orders', desc: 'nav.orders.desc', permission: 'order.read', group: 'retail' },
  { key: 'shifts', path: '/shifts', icon: <ClockCircleOutlined />, label: 'nav.shifts', desc: 'nav.shifts.desc', permission: 'shift.read', group: 'retail' },
  { key: 'products', path: '/products', icon: <AppstoreOutlined />, label: 'nav.products', desc: 'nav.products.desc', permission: 'product.read', group: 'retail' },
  { key: 'cardProducts', path: '/card-products', icon: <CreditCardOutlined />, label: 'nav.cardProducts', desc: 'nav.cardProducts.desc', permission: 'card.read', group: 'retail' },
  { key: 'stock', path: '/stock', icon: <InboxOutlined />, label: 'nav.stock', desc: 'nav.stock.desc', permission: 'stock.read', group: 'retail' },
  { key: 'cashierDaily', path: '/reports/cashier-daily', icon: <BarChartOutlined />, label: 'nav.cashierDaily', desc: 'nav.cashierDaily.desc', permission: 'report.cashier', group: 'retail' },
  { key: 'members', path: '/members', icon: <ContactsOutlined />, label: 'nav.members', desc: 'nav.members.desc', permission: 'member.read', group: 'member' },
  { key: 'leads', path: '/leads', icon: <FunnelPlotOutlined />, label: 'nav.leads', desc: 'nav.leads.desc', permission: 'lead.read', group: 'member' },
  { key: 'memberImport', path: '/members/import', icon: <ImportOutlined />, label: 'nav.memberImport', desc: 'nav.memberImport.desc', permission: 'member.import', group: 'member' },
  { key: 'tierSettings', path: '/tier-settings', icon: <CrownOutlined />, label: 'nav.tierSettings', desc: 'nav.tierSettings.desc', permission: 'tier.manage', group: 'member' },
  { key: 'rechargePackages', path: '/recharge-packages', icon: <WalletOutlined />, label: 'nav.rechargePackages', desc: 'nav.rechargePackages.desc', permission: 'wallet.settings', group: 'member' },
  { key: 'memberSettings', path: '/member-settings', icon: <ControlOutlined />, label: 'nav.memberSettings', desc: 'nav.memberSettings.desc', permission: 'crm.settings', group: 'member' },
  { key: 'classes', path: '/classes', icon: <CalendarOutlined />, label: 'nav.classes', desc: 'nav.classes.desc', permission: 'course.read', group: 'classes' },
  { key: 'myClasses', path: '/my-classes', icon: <ScheduleOutlined />, label: 'nav.myClasses', desc: 'nav.myClasses.desc', permission: 'course.teach', group: 'classes' },
  { key: 'classCheckIn', path: '/class-check-in', icon: <CheckSquareOutlined />, label: 'nav.classCheckIn', desc: 'nav.classCheckIn.desc', permission: 'course.checkin', group: 'classes' },
  { key: 'courses', path: '/courses', icon: <ReadOutlined />, label: 'nav.courses', desc: 'nav.courses.desc', permission: 'course.manage', group: 'classes' },
  { key: 'appointments', path: '/appointments', icon: <ScheduleOutlined />, label: 'nav.appointments', desc: 'nav.appointments.desc', permission: 'appointment.view', group: 'classes' },
  { key: 'stores', path: '/stores', icon: <ShopOutlined />, label: 'nav.stores', desc: 'nav.stores.desc', permission: 'org.read', group: 'org' },
  { key: 'staff', path: '/staff', icon: <TeamOutlined />, label: 'nav.staff', desc: 'nav.staff.desc', permission: 'staff.read', group: 'org' },
  { key: 'attendance', path: '/attendance', icon: <FieldTimeOutlined />, label: 'nav.attendance', desc: 'nav.attendance.desc', permission: 'attendance.clock', group: 'org' },
  { key: 'roles', path: '/roles', icon: <SafetyCertificateOutlined />, label: 'nav.roles', desc: 'nav.roles.desc', permission: 'staff.read', group: 'org' },
  { key: 'audit', path: '/audit-logs', icon: <FileSearchOutlined />, label: 'nav.audit', desc: 'nav.audit.desc', permission: 'audit.read', group: 'system' },
  { key: 'apiKeys', path: '/api-keys', icon: <ApiOutlined />, label: 'nav.apiKeys', desc: 'nav.apiKeys.desc', permission: 'apikey.manage', group: 'system' },
  { key: 'tenant', path: '/settings', icon: <SettingOutlined />, label: 'nav.tenant', desc: 'nav.tenant.desc', permission: 'org.manage', group: 'system' },
];

export const NAV_GROUPS: { key: NavGroup; label: MsgKey | null }[] = [
  { key: 'home', label: null },
  { key: 'retail', label: 'nav.group.retail' },
  { key: 'member', label: 'nav.group.member' },
  { key: 'classes', label: 'nav.group.classes' },
  { key: 'org', label: 'nav.group.org' },
  { key: 'system', label: 'nav.group.system' },
];

/** The nav entry a location belongs to (longest matching path). */
export function navFor(pathname: string): NavItem | undefined {
  return [...NAV]
    .sort((a, b) => b.path.length - a.path.length)
    .find((n) => (n.path === '/' ? pathname === '/' : pathname === n.path || pathname.startsWith(`${n.path}/`)));
}
