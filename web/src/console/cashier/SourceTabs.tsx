// Tabs of one-touch buttons under the basket: the store's quick keys, recharge packages,
// service items and fees (and whatever later modules register as a line source).
import { Button, Empty, Spin, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { type PickItem, lineSources } from './line-kinds';
import { yuan } from './money';

export function SourceTabs(props: { storeId: string; onPick(item: PickItem): void }) {
  const t = useT();
  const { can } = useSession();
  const showError = useApiError();
  const sources = useMemo(() => lineSources().filter((s) => can(s.permission)), [can]);
  const [active, setActive] = useState(sources[0]?.key ?? '');
  const [items, setItems] = useState<Record<string, PickItem[] | undefined>>({});

  useEffect(() => {
    const source = sources.find((s) => s.key === active);
    if (!source || items[active]) return;
    let live = true;
    source
      .load(props.storeId)
      .then((r) => live && setItems((m) => ({ ...m, [active]: r })))
      .catch((err) => {
        if (!live) return;
        setItems((m) => ({ ...m, [active]: [] }));
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [active, sources, items, props.storeId, showError]);

  if (sources.length === 0) return null;
  return (
    <Tabs
      size="small"
      activeKey={active}
      onChange={setActive}
      data-testid="source-tabs"
      items={sources.map((s) => ({
        key: s.key,
        label: t(s.label),
        children: <Buttons items={items[s.key]} onPick={props.onPick} />,
      }))}
    />
  );
}

function Buttons(props: { items: PickItem[] | undefined; onPick(item: PickItem): void }) {
  const t = useT();
  if (!props.items) return <Spin style={{ display: 'block', margin: 12 }} />;
  if (props.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cashier.source.empty')} style={{ margin: 8 }} />;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(128px, 1fr))', gap: 8, maxHeight: 150, overflowY: 'auto', padding: 2 }}>
      {props.items.map((item) => (
        <Button
          key={item.key}
          onClick={() => props.onPick(item)}
          style={{ height: 58, display: 'flex', flexDirection: 'column', alignItems: 'flex-start', justifyContent: 'center', gap: 0, padding: '4px 10px', borderLeft: `4px solid ${item.color ?? '#1668dc'}`, whiteSpace: 'normal', textAlign: 'left' }}
        >
          <Typography.Text strong ellipsis style={{ maxWidth: '100%', fontSize: 13 }}>
            {item.label ?? item.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {yuan(item.price)}
            {item.bonus ? ` · ${t('cashier.source.bonus', { value: yuan(item.bonus.value) })}${item.bonus.points ? ` +${item.bonus.points}P` : ''}` : ''}
          </Typography.Text>
        </Button>
      ))}
    </div>
  );
}
