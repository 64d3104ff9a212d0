// Choose a catalogue item by name, pinyin, initials, SKU or barcode (a scan works too).
import { Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { CashierItem, ProductKind } from '../../api/retail';
import { yuan } from '../cashier/money';
import { useT } from '../i18n';

export function ProductSelect(props: {
  value?: string;
  onChange?(id: string, item: CashierItem): void;
  kind?: ProductKind;
  storeId?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  ariaLabel?: string;
  autoFocus?: boolean;
  initial?: { id: string; name: string } | null;
}) {
  const t = useT();
  const [items, setItems] = useState<CashierItem[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const search = (q: string) => {
    window.clearTimeout(timer.current);
    const text = q.trim();
    // Results of an earlier text must never be chosen for this one (a fast scanner presses Enter at once).
    seq.current += 1;
    setItems([]);
    if (!text) return;
    setLoading(true);
    timer.current = window.setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      call(api.GET('/api/v1/products/search', { params: { query: { q: text, kind: props.kind, storeId: props.storeId, limit: 20 } } }))
        .then((r) => mine === seq.current && setItems(r.items))
        .catch(() => mine === seq.current && setItems([]))
        .finally(() => mine === seq.current && setLoading(false));
    }, 200);
  };

  const options = items.map((p) => ({
    value: p.id,
    label: (
      <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        <span>
          {p.name}
          <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
            {p.sku ?? p.barcode ?? ''}
          </Typography.Text>
        </span>
        <Typography.Text type="secondary">{p.stock !== null ? t('products.stockIs', { n: p.stock }) : yuan(p.price)}</Typography.Text>
      </span>
    ),
    title: p.name,
  }));
  if (props.initial && !items.some((i) => i.id === props.initial!.id)) options.unshift({ value: props.initial.id, label: <span>{props.initial.name}</span>, title: props.initial.name });

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: search }}
      autoFocus={props.autoFocus}
      aria-label={props.ariaLabel ?? t('products.pick')}
      placeholder={props.placeholder ?? t('products.pick.placeholder')}
      // Controlled: callers that add lines pass no value, so the field is empty again for the next scan.
      value={props.value ?? null}
      loading={loading}
      notFoundContent={loading ? null : t('products.pick.none')}
      style={props.style ?? { width: '100%' }}
      optionLabelProp="title"
      options={options}
      onChange={(id: string) => {
        const item = items.find((i) => i.id === id);
        if (item) props.onChange?.(id, item);
        if (!props.value) setItems([]);
      }}
    />
  );
}
