// Home: who is signed in, where, and the way into every page they may open — plus the current
// store's details and a few counts for those who may see them.
import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { Store } from '../../api/types';
import { scopeLabel } from '../components/org-options';
import { roleName } from '../format';
import { type MsgKey, useT } from '../i18n';
import { FrontDeskPanel } from '../members/FrontDeskPanel';
import { NAV } from '../nav';
import { useSession } from '../session';

function greetingKey(hour: number): MsgKey {
  if (hour < 5) return 'home.greeting.night';
  if (hour < 11) return 'home.greeting.morning';
  if (hour < 13) return 'home.greeting.noon';
  if (hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

interface Counts {
  stores?: number;
  regions?: number;
  staff?: string;
}

export function WorkbenchPage() {
  const t = useT();
  const { me, can, currentStore } = useSession();
  const [store, setStore] = useState<Store | null>(null);
  const [counts, setCounts] = useState<Counts>({});
  const shortcuts = NAV.filter((n) => n.key !== 'workbench' && can(n.permission));

  useEffect(() => {
    let live = true;
    // Best effort: the workbench stays useful when a count cannot be loaded.
    if (can('org.read')) {
      if (currentStore) {
        call(api.GET('/api/v1/stores/{storeId}', { params: { path: { storeId: currentStore.id } } }))
          .then((s) => live && setStore(s))
          .catch(() => undefined);
      }
      call(api.GET('/api/v1/stores', { params: { query: {} } }))
        .then((r) => live && setCounts((c) => ({ ...c, stores: r.items.length })))
        .catch(() => undefined);
      call(api.GET('/api/v1/regions'))
        .then((r) => live && setCounts((c) => ({ ...c, regions: r.items.filter((x) => x.isActive).length })))
        .catch(() => undefined);
    }
    if (can('staff.read')) {
      call(api.GET('/api/v1/staff', { params: { query: { status: 'active', limit: 200 } } }))
        .then((r) => live && setCounts((c) => ({ ...c, staff: r.nextCursor ? `${r.items.length}+` : String(r.items.length) })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [can, currentStore]);

  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('home.greeting', { greeting: t(greetingKey(dayjs().hour())), name: me.staff.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('home.where', { tenant: me.tenant.name, store: currentStore?.name ?? t('store.none') })}
        </Typography.Paragraph>
        <div style={{ marginTop: 12, display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center' }}>
          {me.roles.map((r) => (
            <Tag key={r.id} color="blue">
              {roleName(t, r)}
            </Tag>
          ))}
          <Typography.Text type="secondary">
            {t('home.scopeIs', { scope: scopeLabel(t, me.staff.scopeType) })}
          </Typography.Text>
        </div>
      </Card>

      {can('member.read') && <FrontDeskPanel />}

      {shortcuts.length > 0 && (
        <Card title={t('home.shortcuts')}>
          <Row gutter={[16, 16]}>
            {shortcuts.map((n) => (
              <Col key={n.key} xs={24} sm={12} lg={8} xxl={6}>
                <Link to={n.path} data-testid={`shortcut-${n.key}`} style={{ display: 'block', height: '100%' }}>
                  <Card hoverable size="small" style={{ height: '100%' }}>
                    <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                      <span style={{ fontSize: 22, color: '#1668dc', lineHeight: 1 }}>{n.icon}</span>
                      <div style={{ minWidth: 0, flex: 1 }}>
                        <Typography.Text strong>{t(n.label)}</Typography.Text>
                        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
                          {t(n.desc)}
                        </Typography.Paragraph>
                      </div>
                      <ArrowRightOutlined style={{ color: '#bfbfbf', marginTop: 4 }} />
                    </div>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        </Card>
      )}

      <Row gutter={[16, 16]}>
        {can('org.read') && (
          <Col xs={24} lg={12}>
            <Card title={t('home.currentStore')} style={{ height: '100%' }}>
              {store ? (
                <Descriptions
                  column={1}
                  size="small"
                  items={[
                    { key: 'name', label: t('store.name'), children: t('common.nameCode', { name: store.name, code: store.code }) },
                    { key: 'address', label: t('store.address'), children: store.address ?? '—' },
                    { key: 'phone', label: t('store.phone'), children: store.phone ?? '—' },
                    { key: 'hours', label: t('store.hours'), children: store.businessHours ?? '—' },
                  ]}
                />
              ) : (
                <Typography.Text type="secondary">{currentStore ? currentStore.name : t('store.none')}</Typography.Text>
              )}
            </Card>
          </Col>
        )}
        {(counts.stores !== undefined || counts.staff !== undefined) && (
          <Col xs={24} lg={12}>
            <Card title={t('home.overview')} style={{ height: '100%' }}>
              <Row gutter={16}>
                {counts.stores !== undefined && (
                  <Col span={8}>
                    <Statistic title={t('home.count.stores')} value={counts.stores} />
                  </Col>
                )}
                {counts.regions !== undefined && (
                  <Col span={8}>
                    <Statistic title={t('home.count.regions')} value={counts.regions} />
                  </Col>
                )}
                {counts.staff !== undefined && (
                  <Col span={8}>
                    <Statistic title={t('home.count.staff')} value={counts.staff} />
                  </Col>
                )}
              </Row>
            </Card>
          </Col>
        )}
      </Row>

      <Card size="small">
        <Typography.Text type="secondary">{t('home.keyboard')}</Typography.Text>
      </Card>
    </div>
  );
}
