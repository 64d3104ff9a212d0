// The console's root: language and theme, the session (who is signed in), and the routes.
// Signed out → the sign-in page; a one-time password → the forced password change, before
// anything else; otherwise the layout with the pages the staff member may open.
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiError, api, apiSession, call } from '../api/client';
import type { Me } from '../api/types';
import { LocaleProvider, isLocale, useLocale } from '../i18n/locale';
import { ConsoleLayout } from './Layout';
import { useT } from './i18n';
import { ForcePasswordPage } from './pages/ForcePasswordPage';
import { LoginPage } from './pages/LoginPage';
import { WorkbenchPage } from './pages/WorkbenchPage';
import { SessionProvider, useSession } from './session';

const StoresPage = lazy(() => import('./pages/StoresPage'));
const StaffPage = lazy(() => import('./pages/StaffPage'));
const RolesPage = lazy(() => import('./pages/RolesPage'));
const AuditLogPage = lazy(() => import('./pages/AuditLogPage'));
const ApiKeysPage = lazy(() => import('./pages/ApiKeysPage'));
const TenantSettingsPage = lazy(() => import('./pages/TenantSettingsPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const CashierPage = lazy(() => import('./cashier/CashierPage'));
const OrdersPage = lazy(() => import('./cashier/OrdersPage'));
const OrderDetailPage = lazy(() => import('./cashier/OrderDetailPage'));
const DailyReportPage = lazy(() => import('./cashier/DailyReportPage'));
const ShiftsPage = lazy(() => import('./shifts/ShiftsPage'));
const AttendancePage = lazy(() => import('./attendance/AttendancePage'));
const ProductsPage = lazy(() => import('./products/ProductsPage'));
const StockPage = lazy(() => import('./stock/StockPage'));
const CardProductsPage = lazy(() => import('./cards/CardProductsPage'));
const MemberListPage = lazy(() => import('./members/MemberListPage'));
const MemberDetailPage = lazy(() => import('./members/MemberDetailPage'));
const MemberFormPage = lazy(() => import('./members/MemberFormPage'));
const ImportWizardPage = lazy(() => import('./members/ImportWizardPage'));
const MemberSettingsPage = lazy(() => import('./members/MemberSettingsPage'));
const LeadBoardPage = lazy(() => import('./leads/LeadBoardPage'));
const TierSettingsPage = lazy(() => import('./wallet/TierSettingsPage'));
const RechargePackagesPage = lazy(() => import('./wallet/RechargePackagesPage'));
const WeekCalendarPage = lazy(() => import('./classes/WeekCalendarPage'));
const CheckInDeskPage = lazy(() => import('./classes/CheckInDeskPage'));
const TeacherDayPage = lazy(() => import('./classes/TeacherDayPage'));
const CourseAdminPage = lazy(() => import('./classes/CourseAdminPage'));
const AppointmentsPage = lazy(() => import('./appointments/AppointmentsPage'));
const KioskPage = lazy(() => import('./classes/KioskPage'));

const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { fontFamily: FONT, colorPrimary: '#1668dc', borderRadius: 6 } }}
      modal={{ styles: { header: { marginBottom: 20 } } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function ConsoleApp() {
  return (
    <LocaleProvider>
      <Themed>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </Themed>
    </LocaleProvider>
  );
}

function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function Root() {
  const t = useT();
  const { message } = AntApp.useApp();
  const { locale, setLocale } = useLocale();
  // undefined: still asking the server; null: signed out.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [unreachable, setUnreachable] = useState(false);
  const signedIn = useRef(false);
  // After "sign out" the next person starts at the workbench, not on the page the last one left.
  const [returnAfterLogin, setReturnAfterLogin] = useState(true);

  const accept = useCallback((next: Me | null) => {
    if (next) setReturnAfterLogin(true);
    apiSession.setCsrfToken(next?.csrfToken ?? null);
    signedIn.current = next !== null;
    setMe(next);
  }, []);

  useEffect(() => {
    apiSession.onUnauthenticated(() => {
      if (signedIn.current) message.warning({ content: t('auth.sessionExpired'), key: 'session-expired' });
      accept(null);
    });
    return () => apiSession.onUnauthenticated(null);
  }, [accept, message, t]);

  const load = useCallback(async () => {
    setUnreachable(false);
    try {
      accept(await call(api.GET('/api/v1/auth/me')));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) accept(null);
      else setUnreachable(true);
    }
  }, [accept]);

  useEffect(() => {
    void load();
  }, [load]);

  // The staff member's saved language wins once signed in (the server answers in it too).
  const savedLocale = me?.staff.locale;
  useEffect(() => {
    if (isLocale(savedLocale) && savedLocale !== locale) setLocale(savedLocale);
    // Only when the saved preference changes, not when the user switches the UI.
  }, [savedLocale]);

  if (unreachable) {
    return (
      <Result
        status="warning"
        title={t('app.unreachable')}
        subTitle={t('app.unreachable.hint')}
        extra={
          <Button type="primary" onClick={() => void load()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage onSignedIn={accept} />} />
        <Route path="*" element={<ToLogin remember={returnAfterLogin} />} />
      </Routes>
    );
  }
  return (
    <SessionProvider
      me={me}
      onChange={accept}
      onSignedOut={() => {
        setReturnAfterLogin(false);
        accept(null);
      }}
    >
      {me.staff.mustChangePassword ? <ForcePasswordPage /> : <ConsoleRoutes />}
    </SessionProvider>
  );
}

function ToLogin({ remember }: { remember: boolean }) {
  const location = useLocation();
  const from = `${location.pathname}${location.search}`;
  return <Navigate to="/login" replace state={remember && from !== '/' ? { from } : undefined} />;
}

function BackFromLogin() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return <Navigate to={from && from.startsWith('/') ? from : '/'} replace />;
}

function Guard({ permission, children }: { permission: string; children: ReactNode }) {
  const { can } = useSession();
  const t = useT();
  if (!can(permission)) return <Result status="403" title={t('app.forbidden')} subTitle={t('app.forbidden.hint')} />;
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{children}</Suspense>;
}

function NotFound() {
  const t = useT();
  return <Result status="404" title={t('app.notFound')} />;
}

function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<BackFromLogin />} />
      {/* The self check-in kiosk: full screen, no navigation. */}
      <Route path="kiosk/:storeCode" element={<Guard permission="course.checkin"><KioskPage /></Guard>} />
      <Route element={<ConsoleLayout />}>
        <Route index element={<WorkbenchPage />} />
        <Route path="cashier" element={<Guard permission="order.create"><CashierPage /></Guard>} />
        <Route path="orders" element={<Guard permission="order.read"><OrdersPage /></Guard>} />
        <Route path="orders/:orderId" element={<Guard permission="order.read"><OrderDetailPage /></Guard>} />
        <Route path="shifts" element={<Guard permission="shift.read"><ShiftsPage /></Guard>} />
        <Route path="attendance" element={<Guard permission="attendance.clock"><AttendancePage /></Guard>} />
        <Route path="products" element={<Guard permission="product.read"><ProductsPage /></Guard>} />
        <Route path="stock" element={<Guard permission="stock.read"><StockPage /></Guard>} />
        <Route path="card-products" element={<Guard permission="card.read"><CardProductsPage /></Guard>} />
        <Route path="reports/cashier-daily" element={<Guard permission="report.cashier"><DailyReportPage /></Guard>} />
        <Route path="members" element={<Guard permission="member.read"><MemberListPage /></Guard>} />
        <Route path="members/new" element={<Guard permission="member.write"><MemberFormPage /></Guard>} />
        <Route path="members/import" element={<Guard permission="member.import"><ImportWizardPage /></Guard>} />
        <Route path="members/:memberId" element={<Guard permission="member.read"><MemberDetailPage /></Guard>} />
        <Route path="members/:memberId/edit" element={<Guard permission="member.write"><MemberFormPage /></Guard>} />
        <Route path="member-settings" element={<Guard permission="crm.settings"><MemberSettingsPage /></Guard>} />
        <Route path="tier-settings" element={<Guard permission="tier.manage"><TierSettingsPage /></Guard>} />
        <Route path="recharge-packages" element={<Guard permission="wallet.settings"><RechargePackagesPage /></Guard>} />
        <Route path="leads" element={<Guard permission="lead.read"><LeadBoardPage /></Guard>} />
        <Route path="classes" element={<Guard permission="course.read"><WeekCalendarPage /></Guard>} />
        <Route path="my-classes" element={<Guard permission="course.teach"><TeacherDayPage /></Guard>} />
        <Route path="class-check-in" element={<Guard permission="course.checkin"><CheckInDeskPage /></Guard>} />
        <Route path="courses" element={<Guard permission="course.manage"><CourseAdminPage /></Guard>} />
        <Route path="appointments" element={<Guard permission="appointment.view"><AppointmentsPage /></Guard>} />
        <Route path="stores" element={<Guard permission="org.read"><StoresPage /></Guard>} />
        <Route path="staff" element={<Guard permission="staff.read"><StaffPage /></Guard>} />
        <Route path="roles" element={<Guard permission="staff.read"><RolesPage /></Guard>} />
        <Route path="audit-logs" element={<Guard permission="audit.read"><AuditLogPage /></Guard>} />
        <Route path="api-keys" element={<Guard permission="apikey.manage"><ApiKeysPage /></Guard>} />
        <Route path="settings" element={<Guard permission="org.manage"><TenantSettingsPage /></Guard>} />
        <Route
          path="account"
          element={
            <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
              <AccountPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
