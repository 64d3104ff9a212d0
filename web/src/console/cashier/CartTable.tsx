// The basket: one row per line with the price the member pays (member price or tier discount,
// as the server's quote says), quantities editable by keyboard and mouse, the selected row
// marked for ↑/↓, +/− and Delete.
import { DeleteOutlined, EditOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { Button, Empty, InputNumber, Popover, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { CheckoutQuote } from '../../api/retail';
import { useT } from '../i18n';
import { Kbd } from './Kbd';
import { type CartLine, lineKind } from './line-kinds';
import { MoneyInput } from './MoneyInput';
import { yuan } from './money';

export type QuoteLine = CheckoutQuote['lines'][number];

export function CartTable(props: {
  lines: CartLine[];
  priced: (QuoteLine | undefined)[];
  selected: string | null;
  canOverride: boolean;
  onSelect(uid: string): void;
  onQuantity(uid: string, quantity: number): void;
  onPrice(uid: string, price: number | undefined): void;
  onRemove(uid: string): void;
  onDone(): void;
}) {
  const t = useT();
  if (props.lines.length === 0) {
    return (
      <div style={{ flex: 1, display: 'grid', placeItems: 'center', minHeight: 180 }}>
        <Empty image={<ShoppingCartOutlined style={{ fontSize: 56, color: '#d9d9d9' }} />} description={<span style={{ color: '#8c8c8c' }}>{t('cashier.cart.empty')}</span>} />
      </div>
    );
  }
  return (
    <Table<CartLine>
      data-testid="cart"
      rowKey="uid"
      size="middle"
      pagination={false}
      dataSource={props.lines}
      scroll={{ y: 'calc(100vh - 470px)' }}
      onRow={(l) => ({ onClick: () => props.onSelect(l.uid), style: { cursor: 'pointer', background: l.uid === props.selected ? '#e6f4ff' : undefined } })}
      columns={[
        { title: '#', key: 'no', width: 36, render: (_, __, i) => <Typography.Text type="secondary">{i + 1}</Typography.Text> },
        {
          title: t('cashier.cart.item'),
          key: 'item',
          render: (_, l) => {
            const def = lineKind(l.kind);
            const short = l.kind === 'product' && l.stock !== null && l.stock !== undefined && !l.allowNegativeStock && l.quantity > l.stock;
            return (
              <div style={{ minWidth: 0 }}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
                  <Tag color={def?.color} style={{ marginInlineEnd: 0, flex: 'none' }}>
                    {def ? t(def.label) : l.kind}
                  </Tag>
                  <Typography.Text strong ellipsis style={{ fontSize: 15, minWidth: 0 }}>
                    {l.name}
                  </Typography.Text>
                </div>
                {(l.code || short) && (
                  <div style={{ marginTop: 2, lineHeight: 1.2 }}>
                    {l.code && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {l.code}
                      </Typography.Text>
                    )}
                    {short && (
                      <Tag color="red" style={{ marginInlineStart: 6 }}>
                        {t('cashier.cart.stockShort', { stock: l.stock ?? 0 })}
                      </Tag>
                    )}
                  </div>
                )}
              </div>
            );
          },
        },
        {
          title: t('cashier.cart.price'),
          key: 'price',
          width: 150,
          align: 'right',
          render: (_, l, i) => {
            const q = props.priced[i];
            const def = lineKind(l.kind);
            const source = l.priceOverride !== undefined ? 'override' : (q?.priceSource ?? 'list');
            const unit = q?.unitPrice ?? l.priceOverride ?? l.listPrice;
            return (
              <Space size={4} orientation="vertical" style={{ alignItems: 'flex-end', rowGap: 0 }}>
                <Space size={4}>
                  <Typography.Text style={{ fontSize: 15 }}>{yuan(unit)}</Typography.Text>
                  {props.canOverride && def?.priceEditable && <PriceEdit line={l} onPrice={(p) => props.onPrice(l.uid, p)} onDone={props.onDone} />}
                </Space>
                {source !== 'list' && (
                  <span>
                    <Tag color={source === 'member' ? 'gold' : 'purple'} style={{ marginInlineEnd: 4 }}>
                      {source === 'member' ? t('cashier.price.member') : t('cashier.price.override')}
                    </Tag>
                    <Typography.Text delete type="secondary" style={{ fontSize: 12 }}>
                      {yuan(q?.listUnitPrice ?? l.listPrice)}
                    </Typography.Text>
                  </span>
                )}
              </Space>
            );
          },
        },
        {
          title: t('cashier.cart.qty'),
          key: 'qty',
          width: 118,
          align: 'center',
          render: (_, l) => (
            <InputNumber
              aria-label={t('cashier.cart.qtyOf', { name: l.name })}
              data-testid="line-qty"
              min={1}
              max={lineKind(l.kind)?.maxQuantity ?? 9999}
              precision={0}
              value={l.quantity}
              style={{ width: 96 }}
              onClick={(e) => e.stopPropagation()}
              onChange={(v) => typeof v === 'number' && v >= 1 && props.onQuantity(l.uid, v)}
              onPressEnter={props.onDone}
              onKeyDown={(e) => e.key === 'Escape' && props.onDone()}
              suffix={l.unit ?? undefined}
            />
          ),
        },
        {
          title: t('cashier.cart.subtotal'),
          key: 'subtotal',
          width: 120,
          align: 'right',
          render: (_, l, i) => {
            const q = props.priced[i];
            const v = q ? q.listTotal - q.tierDiscount - q.couponDiscount : (l.priceOverride ?? l.listPrice) * l.quantity;
            // What the member saves on the line: the member price below list, and the tier discount.
            const saving = q ? q.tierDiscount + q.couponDiscount + (q.priceSource === 'member' ? (q.listUnitPrice - q.unitPrice) * q.quantity : 0) : 0;
            return (
              <div>
                <Typography.Text strong style={{ fontSize: 15 }}>
                  {yuan(v)}
                </Typography.Text>
                {saving > 0 && (
                  <Tooltip title={q && q.tierDiscount > 0 ? t('cashier.cart.tierDiscount') : t('cashier.price.member')}>
                    <div style={{ fontSize: 12, color: '#cf1322' }} data-testid="line-saving">
                      {t('cashier.cart.saved', { amount: yuan(saving) })}
                    </div>
                  </Tooltip>
                )}
              </div>
            );
          },
        },
        {
          title: '',
          key: 'remove',
          width: 44,
          render: (_, l) => (
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('cashier.cart.remove', { name: l.name })}
              onClick={(e) => {
                e.stopPropagation();
                props.onRemove(l.uid);
              }}
            />
          ),
        },
      ]}
    />
  );
}

function PriceEdit(props: { line: CartLine; onPrice(price: number | undefined): void; onDone(): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<number | null>(props.line.priceOverride ?? props.line.listPrice);
  const close = () => {
    setOpen(false);
    props.onDone();
  };
  return (
    <Popover
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setValue(props.line.priceOverride ?? props.line.listPrice);
      }}
      trigger="click"
      title={t('cashier.price.edit', { name: props.line.name })}
      content={
        <Space orientation="vertical" style={{ width: 220 }}>
          <MoneyInput
            autoFocus
            aria-label={t('cashier.price.perUnit')}
            value={value}
            onChange={setValue}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && value !== null && value >= 0) {
                props.onPrice(value === props.line.listPrice ? undefined : value);
                close();
              }
              if (e.key === 'Escape') close();
            }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cashier.price.editHint')} <Kbd>Enter</Kbd>
          </Typography.Text>
          {props.line.priceOverride !== undefined && (
            <Button
              size="small"
              onClick={() => {
                props.onPrice(undefined);
                close();
              }}
            >
              {t('cashier.price.restore', { price: yuan(props.line.listPrice) })}
            </Button>
          )}
        </Space>
      }
    >
      <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('cashier.price.edit', { name: props.line.name })} onClick={(e) => e.stopPropagation()} />
    </Popover>
  );
}
