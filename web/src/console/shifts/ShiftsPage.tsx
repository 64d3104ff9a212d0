// Shifts (交班, shift.read): the store's open shift with what the drawer should hold per
// method, cash in / out with reasons, the close with counted amounts and differences, and the
// list of shifts to review, print and confirm (shift.confirm, by someone other than the closer).
import { ClockCircleOutlined, LoginOutlined, LogoutOutlined, MinusCircleOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Select, Space, Spin, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { CurrentShift, Shift, ShiftSettings } from '../../api/retail';
import { yuan } from '../cashier/money';
import { CursorPagination, useCursorList } from '../components/CursorPager';
import { useApiError } from '../errors';
import { formatTime } from '../format';
import { useT } from '../i18n';
import { useSession } from '../session';
import { CashMoveModal } from './CashMoveModal';
import { CloseShiftModal } from './CloseShiftModal';
import { OpenShiftModal } from './OpenShiftModal';
import { ShiftDrawer } from './ShiftDrawer';
import { ShiftStatusTag } from './ShiftStatusTag';
import { ShiftTotalsTable } from './ShiftTotalsTable';

export default function ShiftsPage() {
  const t = useT();
  const { can, currentStore } = useSession();
  const showError = useApiError();
  const { message } = App.useApp();
  const storeId = currentStore?.id ?? null;
  const [current, setCurrent] = useState<CurrentShift | null>(null);
  const [settings, setSettings] = useState<ShiftSettings | null>(null);
  const [opening, setOpening] = useState(false);
  const [moving, setMoving] = useState<'in' | 'out' | null>(null);
  const [closing, setClosing] = useState<Shift | null>(null);
  const [viewing, setViewing] = useState<Shift | null>(null);
  const [status, setStatus] = useState<Shift['status'] | undefined>();
  const operate = can('shift.operate');

  const loadCurrent = useCallback(async () => {
    if (!storeId) return;
    try {
      const [c, s] = await Promise.all([
        call(api.GET('/api/v1/shifts/current', { params: { query: { storeId } } })),
        call(api.GET('/api/v1/stores/{storeId}/shift-settings', { params: { path: { storeId } } })),
      ]);
      setCurrent(c);
      setSettings(s);
    } catch (err) {
      showError(err);
    }
  }, [storeId, showError]);
  useEffect(() => {
    void loadCurrent();
  }, [loadCurrent]);

  const list = useCursorList<Shift>((cursor) => call(api.GET('/api/v1/shifts', { params: { query: { storeId: storeId ?? undefined, status, cursor, limit: 20 } } })), [storeId, status]);

  const refresh = (s?: Shift) => {
    void loadCurrent();
    list.reload();
    if (s && viewing?.id === s.id) setViewing(s);
  };

  async function setRequires(requiresShift: boolean) {
    if (!storeId) return;
    try {
      setSettings(await call(api.PUT('/api/v1/stores/{storeId}/shift-settings', { params: { path: { storeId } }, body: { requiresShift } })));
      message.success(requiresShift ? t('shift.settings.on') : t('shift.settings.off'));
    } catch (err) {
      showError(err);
    }
  }

  if (!storeId || !currentStore) return <Empty description={t('cashier.noStore')} />;
  const open = current?.shift ?? null;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <ClockCircleOutlined />
            {t('shift.current', { store: currentStore.name })}
            {open && <ShiftStatusTag status="open" />}
          </Space>
        }
        extra={
          settings && (
            <Space size={6}>
              <Switch size="small" checked={settings.requiresShift} disabled={!can('shift.settings')} onChange={(v) => void setRequires(v)} aria-label={t('shift.settings.requires')} />
              <Typography.Text type="secondary">{settings.isExplicit ? t('shift.settings.requires') : t('shift.settings.requiresAuto')}</Typography.Text>
            </Space>
          )
        }
      >
        {!current ? (
          <Spin />
        ) : open ? (
          <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="current-shift">
            <Space wrap size={24}>
              <Typography.Text>
                {t('shift.no')}: <Typography.Text strong>{open.shiftNo}</Typography.Text>
              </Typography.Text>
              <Typography.Text>{t('shift.openedAt', { time: formatTime(open.openedAt), name: open.openedByName ?? '' })}</Typography.Text>
              <Typography.Text>
                {t('shift.float')}: {yuan(open.openingFloat)}
              </Typography.Text>
            </Space>
            <ShiftTotalsTable shift={open} />
            {operate && (
              <Space wrap>
                <Button icon={<PlusCircleOutlined />} onClick={() => setMoving('in')}>
                  {t('shift.cashIn')}
                </Button>
                <Button icon={<MinusCircleOutlined />} onClick={() => setMoving('out')}>
                  {t('shift.cashOut')}
                </Button>
                <Button type="primary" danger icon={<LogoutOutlined />} onClick={() => setClosing(open)} data-testid="shift-close">
                  {t('shift.close')}
                </Button>
              </Space>
            )}
          </Space>
        ) : (
          <Space orientation="vertical">
            <Typography.Text type="secondary">{current.requiresShift ? t('shift.none.required') : t('shift.none')}</Typography.Text>
            {operate && (
              <Button type="primary" icon={<LoginOutlined />} onClick={() => setOpening(true)} data-testid="shift-open">
                {t('cashier.shift.open')}
              </Button>
            )}
          </Space>
        )}
      </Card>

      <Card
        title={t('shift.list')}
        extra={
          <Select<Shift['status']>
            allowClear
            placeholder={t('common.status')}
            aria-label={t('common.status')}
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(['open', 'closed', 'confirmed'] as const).map((s) => ({ value: s, label: t(`shift.status.${s}`) }))}
          />
        }
      >
        <Table<Shift>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.items}
          pagination={false}
          onRow={(s) => ({ onClick: () => setViewing(s), style: { cursor: 'pointer' } })}
          data-testid="shift-list"
          columns={[
            { title: t('shift.no'), dataIndex: 'shiftNo', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
            { title: t('common.status'), dataIndex: 'status', render: (s: Shift['status']) => <ShiftStatusTag status={s} /> },
            { title: t('shift.openedBy'), key: 'opened', render: (_, s) => `${s.openedByName ?? '—'} · ${formatTime(s.openedAt)}` },
            { title: t('shift.closedBy'), key: 'closed', render: (_, s) => (s.closedAt ? `${s.closedByName ?? '—'} · ${formatTime(s.closedAt)}` : '—') },
            { title: t('shift.expected'), dataIndex: 'expectedTotal', align: 'right', render: (v: number | null) => (v === null ? '—' : yuan(v)) },
            { title: t('shift.counted'), dataIndex: 'countedTotal', align: 'right', render: (v: number | null) => (v === null ? '—' : yuan(v)) },
            {
              title: t('shift.difference'),
              dataIndex: 'differenceTotal',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : v === 0 ? <Typography.Text type="success">{t('shift.diff.none')}</Typography.Text> : <Typography.Text type="danger">{v > 0 ? `+${yuan(v)}` : yuan(v)}</Typography.Text>),
            },
            { title: t('shift.confirmedBy'), dataIndex: 'confirmedByName', render: (v: string | null) => v ?? '—' },
          ]}
        />
        <CursorPagination list={list} />
      </Card>

      <OpenShiftModal
        open={opening}
        storeId={storeId}
        storeName={currentStore.name}
        onClose={() => setOpening(false)}
        onOpened={() => {
          setOpening(false);
          refresh();
        }}
      />
      {open && (
        <CashMoveModal
          shift={open}
          kind={moving}
          onClose={() => setMoving(null)}
          onDone={(s) => {
            setMoving(null);
            refresh(s);
          }}
        />
      )}
      <CloseShiftModal
        shift={closing}
        onClose={() => setClosing(null)}
        onClosed={(s) => {
          setClosing(null);
          refresh();
          setViewing(s);
        }}
      />
      {viewing && (
        <ShiftDrawer
          shift={viewing}
          onClose={() => setViewing(null)}
          onChanged={(s) => {
            setViewing(s);
            refresh(s);
          }}
        />
      )}
    </Space>
  );
}
