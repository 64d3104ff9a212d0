// The frame around every page: the sider menu (only the pages the staff member may open), and a
// header with the tenant, the current store, the language switch and the user menu.
import { DownOutlined, LogoutOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons';
import { App, Avatar, Dropdown, Layout, Menu, type MenuProps, Select, Space, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api, call } from '../api/client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { useApiError } from './errors';
import { useT } from './i18n';
import { NAV, NAV_GROUPS, navFor } from './nav';
import { useSession } from './session';

const SIDER_BG = '#0f1f3d';

export function ConsoleLayout() {
  const t = useT();
  const session = useSession();
  const { me, can, currentStore, setCurrentStore } = session;
  const location = useLocation();
  const navigate = useNavigate();
  const showError = useApiError();
  const { message } = App.useApp();
  const [collapsed, setCollapsed] = useState(false);

  const menuItems = useMemo<MenuProps['items']>(() => {
    const items: NonNullable<MenuProps['items']> = [];
    for (const group of NAV_GROUPS) {
      const entries = NAV.filter((n) => n.group === group.key && can(n.permission)).map((n) => ({
        key: n.key,
        icon: n.icon,
        label: <Link to={n.path}>{t(n.label)}</Link>,
      }));
      if (entries.length === 0) continue;
      // A collapsed sider has no room for group titles: a divider separates the groups instead.
      if (group.label && !collapsed) items.push({ type: 'group', key: `g-${group.key}`, label: t(group.label), children: entries });
      else {
        if (group.label) items.push({ type: 'divider', key: `d-${group.key}` });
        items.push(...entries);
      }
    }
    return items;
  }, [can, t, collapsed]);

  const active = navFor(location.pathname);

  const userMenu: MenuProps = {
    items: [
      { key: 'account', icon: <UserOutlined />, label: t('user.account') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('user.signOut'), danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'account') navigate('/account');
      if (key === 'logout') {
        session
          .signOut()
          .then(() => message.success({ content: t('user.signedOut'), key: 'signed-out' }))
          .catch(showError);
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={216}
        // Sticky at the viewport's height with its own scroll: the collapse trigger is pinned to the
        // bottom of the viewport, and a long menu on a 768 px front-desk screen must not slide under it.
        style={{ background: SIDER_BG, position: 'sticky', top: 0, height: '100vh', overflowY: 'auto', overflowX: 'hidden', scrollbarWidth: 'thin' }}
        aria-label={t('nav.aria')}
      >
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 10, padding: collapsed ? '0 24px' : '0 20px', color: '#fff', overflow: 'hidden', whiteSpace: 'nowrap' }}>
          <span style={{ width: 28, height: 28, borderRadius: 7, background: '#1668dc', display: 'grid', placeItems: 'center', fontWeight: 700, flex: 'none' }}>T</span>
          {!collapsed && <span style={{ fontSize: 17, fontWeight: 600, letterSpacing: 0.5 }}>Tessera</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="main-menu"
          style={{ background: SIDER_BG, borderInlineEnd: 0 }}
          selectedKeys={active ? [active.key] : []}
          items={menuItems}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', display: 'flex', alignItems: 'center', gap: 16, padding: '0 24px', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}
        >
          <Typography.Text strong ellipsis style={{ minWidth: 0, fontSize: 15 }}>
            {me.tenant.name}
          </Typography.Text>
          <div style={{ flex: 1 }} />
          <Space size={16} align="center">
            {me.stores.length > 1 ? (
              <Select
                aria-label={t('store.switch')}
                data-testid="store-switcher"
                value={currentStore?.id}
                onChange={(id: string) => {
                  setCurrentStore(id);
                  const s = me.stores.find((x) => x.id === id);
                  if (s) message.info({ content: t('store.switched', { name: s.name }), key: 'store-switch' });
                }}
                style={{ width: 200 }}
                prefix={<ShopOutlined />}
                showSearch={{ optionFilterProp: 'label' }}
                options={me.stores.map((s) => ({ value: s.id, label: s.name }))}
              />
            ) : (
              <Space size={6} data-testid="store-switcher">
                <ShopOutlined />
                <Typography.Text>{currentStore?.name ?? t('store.none')}</Typography.Text>
              </Space>
            )}
            <LanguageSwitch
              onChanged={(locale) => {
                call(api.PATCH('/api/v1/auth/me', { body: { locale } }))
                  .then(session.update)
                  .catch(showError);
              }}
            />
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <a
                href="#user"
                onClick={(e) => e.preventDefault()}
                data-testid="user-menu"
                style={{ display: 'inline-flex', alignItems: 'center', gap: 8, color: 'inherit' }}
              >
                <Avatar size="small" style={{ background: '#1668dc' }}>
                  {me.staff.name.slice(0, 1)}
                </Avatar>
                <span>{me.staff.name}</span>
                <DownOutlined style={{ fontSize: 10 }} />
              </a>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          {/* Remount the page when the store changes so everything it shows is for that store. */}
          <Suspense fallback={null}>
            <Outlet key={currentStore?.id ?? 'none'} />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
