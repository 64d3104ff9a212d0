// Stock (stock.read; stock.manage to move it): levels per store with value at moving-average
// cost and low-stock thresholds, the low-stock list, documents (receipts, transfers,
// stocktakes, adjustments), the journal of every move, and the valuation by store and category.
import { AuditOutlined, DownloadOutlined, SwapOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Select, Space, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, call } from '../../api/client';
import type { StockDocument } from '../../api/retail';
import { storeOptions, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';
import { DocumentDrawer } from './DocumentDrawer';
import { DocumentsTab, LevelsTab, LowStockTab, MovesTab } from './StockTabs';
import { type DocKind, StockDocumentModal } from './StockDocumentModal';
import { StocktakeDrawer } from './StocktakeDrawer';
import { ValuationTab } from './ValuationTab';

export default function StockPage() {
  const t = useT();
  const { can, currentStore } = useSession();
  const manage = can('stock.manage');
  const { stores } = useOrgOptions();
  const showError = useApiError();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'levels';
  const [storeId, setStoreId] = useState<string | undefined>(currentStore?.id);
  const [writing, setWriting] = useState<DocKind | null>(null);
  const [doc, setDoc] = useState<StockDocument | null>(null);
  const [version, setVersion] = useState(0);
  const [lowCount, setLowCount] = useState<number | null>(null);
  const store = stores.find((s) => s.id === storeId) ?? (currentStore && currentStore.id === storeId ? currentStore : null);
  const bump = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/stock/low', { params: { query: { storeId } } }))
      .then((r) => live && setLowCount(r.items.length))
      .catch(() => live && setLowCount(null));
    return () => {
      live = false;
    };
  }, [storeId, version]);

  async function startStocktake() {
    if (!storeId) return;
    try {
      const draft = await call(api.POST('/api/v1/stocktakes', { body: { storeId } }));
      message.success(t('stock.stocktake.started', { no: draft.docNo }));
      setDoc(draft);
      bump();
    } catch (err) {
      showError(err);
    }
  }

  const actions = manage && storeId && (
    <Space wrap>
      <Button type="primary" icon={<DownloadOutlined />} onClick={() => setWriting('receipt')} data-testid="stock-receipt">
        {t('stock.receipt.new')}
      </Button>
      <Button icon={<SwapOutlined />} onClick={() => setWriting('transfer')}>
        {t('stock.transfer.new')}
      </Button>
      <Button icon={<AuditOutlined />} onClick={() => void startStocktake()} data-testid="stock-stocktake">
        {t('stock.stocktake.new')}
      </Button>
      <Button icon={<ToolOutlined />} onClick={() => setWriting('adjustment')}>
        {t('stock.adjustment.new')}
      </Button>
    </Space>
  );

  return (
    <Card>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Select
          aria-label={t('stock.store')}
          style={{ width: 240 }}
          value={storeId ?? '__all'}
          onChange={(v) => setStoreId(v === '__all' ? undefined : v)}
          options={[{ value: '__all', label: t('stock.allStores') }, ...storeOptions(t, stores)]}
          showSearch={{ optionFilterProp: 'label' }}
        />
        {actions}
      </Space>
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(k) => setParams(k === 'levels' ? {} : { tab: k }, { replace: true })}
        items={[
          { key: 'levels', label: t('stock.tab.levels'), children: <LevelsTab storeId={storeId} version={version} /> },
          {
            key: 'low',
            label: (
              <Badge count={lowCount ?? 0} size="small" offset={[8, -2]}>
                {t('stock.tab.low')}
              </Badge>
            ),
            children: <LowStockTab storeId={storeId} version={version} />,
          },
          { key: 'documents', label: t('stock.tab.documents'), children: <DocumentsTab storeId={storeId} version={version} onOpen={setDoc} /> },
          { key: 'moves', label: t('stock.tab.moves'), children: <MovesTab storeId={storeId} version={version} /> },
          { key: 'valuation', label: t('stock.tab.valuation'), children: <ValuationTab storeId={storeId} version={version} /> },
        ]}
      />
      {storeId && (
        <StockDocumentModal
          kind={writing}
          storeId={storeId}
          storeName={store?.name ?? ''}
          onClose={() => setWriting(null)}
          onPosted={() => {
            setWriting(null);
            bump();
          }}
        />
      )}
      {doc && doc.kind === 'stocktake' && doc.status === 'draft' ? (
        <StocktakeDrawer doc={doc} onClose={() => setDoc(null)} onChanged={bump} />
      ) : (
        doc && <DocumentDrawer doc={doc} onClose={() => setDoc(null)} />
      )}
    </Card>
  );
}
