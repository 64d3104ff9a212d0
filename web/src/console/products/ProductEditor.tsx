// Create or edit a product, service item or fee: codes (SKU, barcode — a scan fills the field),
// category, unit, list price, member price per tier (used when lower than the tier discount),
// standard cost, tax rate, which stores sell it, and how it may be paid and discounted.
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { Category, Product, ProductCreate, ProductKind, TierLevel } from '../../api/retail';
import { MoneyInput } from '../cashier/MoneyInput';
import { EnterSubmits } from '../components/EnterSubmits';
import { discountLabel, yuan } from '../cashier/money';
import { storeOptions, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useLocale } from '../../i18n/locale';

interface Values {
  kind: ProductKind;
  name: string;
  sku?: string;
  barcode?: string;
  categoryId?: string | null;
  unit?: string;
  price: number | null;
  cost?: number | null;
  taxRate?: number | null;
  durationMinutes?: number | null;
  feeKind?: 'join' | 'annual' | 'late' | 'other' | null;
  description?: string;
  allStores: boolean;
  storeIds?: string[];
  allowNegativeStock?: boolean;
  isTierDiscountable: boolean;
  isPointsPayable: boolean;
  isStoredValuePayable: boolean;
  lowStockThreshold?: number | null;
  sortOrder?: number | null;
  isActive?: boolean;
  tierPrices: Record<string, number | null>;
}

const DEFAULTS: Record<ProductKind, Partial<Values>> = {
  product: { unit: '件', isTierDiscountable: true, isPointsPayable: true, isStoredValuePayable: true },
  service: { unit: '次', isTierDiscountable: true, isPointsPayable: true, isStoredValuePayable: true },
  fee: { unit: '项', isTierDiscountable: false, isPointsPayable: false, isStoredValuePayable: true, feeKind: 'join' },
};

const blank = (v: string | undefined | null) => (v && v.trim() ? v.trim() : null);

export function ProductEditor(props: { product: Product | 'new'; defaultKind: ProductKind; categories: Category[]; tiers: TierLevel[]; onClose(): void; onSaved(p: Product): void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const showError = useApiError();
  const { stores } = useOrgOptions();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const editing = props.product !== 'new' ? props.product : null;
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? props.defaultKind;
  const price = Form.useWatch('price', form);
  const allStores = Form.useWatch('allStores', form);

  useEffect(() => {
    if (editing) {
      form.setFieldsValue({
        kind: editing.kind,
        name: editing.name,
        sku: editing.sku ?? undefined,
        barcode: editing.barcode ?? undefined,
        categoryId: editing.categoryId,
        unit: editing.unit,
        price: editing.price,
        cost: editing.cost,
        taxRate: editing.taxRateBp / 100,
        durationMinutes: editing.durationMinutes,
        feeKind: editing.feeKind,
        description: editing.description ?? undefined,
        allStores: editing.storeIds === null,
        storeIds: editing.storeIds ?? [],
        allowNegativeStock: editing.allowNegativeStock,
        isTierDiscountable: editing.isTierDiscountable,
        isPointsPayable: editing.isPointsPayable,
        isStoredValuePayable: editing.isStoredValuePayable,
        lowStockThreshold: editing.lowStockThreshold,
        sortOrder: editing.sortOrder,
        isActive: editing.isActive,
        tierPrices: Object.fromEntries(editing.tierPrices.map((p) => [p.tierId, p.price])),
      });
    } else {
      form.setFieldsValue({ kind: props.defaultKind, allStores: true, taxRate: 0, tierPrices: {}, price: null, ...DEFAULTS[props.defaultKind] });
    }
  }, [editing?.id]);

  async function save(v: Values) {
    const tierPrices = Object.entries(v.tierPrices ?? {})
      .filter(([, p]) => p !== null && p !== undefined)
      .map(([tierId, p]) => ({ tierId, price: p as number }));
    const common = {
      name: v.name.trim(),
      sku: blank(v.sku),
      barcode: blank(v.barcode),
      categoryId: v.categoryId ?? null,
      unit: v.unit?.trim() || DEFAULTS[v.kind].unit!,
      price: v.price ?? 0,
      cost: v.cost ?? null,
      taxRateBp: Math.round((v.taxRate ?? 0) * 100),
      durationMinutes: v.kind === 'service' ? (v.durationMinutes ?? null) : null,
      description: blank(v.description),
      storeIds: v.allStores ? null : (v.storeIds ?? []),
      allowNegativeStock: v.kind === 'product' ? !!v.allowNegativeStock : false,
      isTierDiscountable: v.isTierDiscountable,
      isPointsPayable: v.isPointsPayable,
      isStoredValuePayable: v.isStoredValuePayable,
      lowStockThreshold: v.kind === 'product' ? (v.lowStockThreshold ?? null) : null,
      sortOrder: v.sortOrder ?? 0,
      feeKind: v.kind === 'fee' ? (v.feeKind ?? 'other') : null,
      tierPrices,
    };
    setSaving(true);
    try {
      const saved = editing
        ? await call(api.PATCH('/api/v1/products/{productId}', { params: { path: { productId: editing.id } }, body: { ...common, isActive: v.isActive ?? true } }))
        : await call(api.POST('/api/v1/products', { body: { kind: v.kind, ...common } as ProductCreate }));
      message.success(editing ? t('products.saved', { name: saved.name }) : t('products.created', { name: saved.name }));
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const activeTiers = props.tiers.filter((l) => l.isActive);
  return (
    <Drawer
      open
      size={720}
      title={editing ? t('products.edit', { name: editing.name }) : t('products.new')}
      onClose={props.onClose}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="product-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="kind" label={t('products.kind')}>
          <Radio.Group
            optionType="button"
            disabled={!!editing}
            onChange={(e) => form.setFieldsValue(DEFAULTS[e.target.value as ProductKind])}
            options={(['product', 'service', 'fee'] as const).map((k) => ({ value: k, label: t(`products.kind.${k}`) }))}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('products.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input autoFocus maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="categoryId" label={t('products.category')}>
              <Select allowClear options={props.categories.filter((c) => c.isActive || c.id === editing?.categoryId).map((c) => ({ value: c.id, label: c.name }))} placeholder={t('products.category.none')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sku" label={t('products.sku')} extra={t('products.sku.hint')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="barcode" label={t('products.barcode')} extra={t('products.barcode.hint')}>
              {/* A scanner ends with Enter: stay in the form instead of submitting half-filled. */}
              <Input maxLength={40} onPressEnter={(e) => e.preventDefault()} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="unit" label={t('products.unit')}>
              <Input maxLength={10} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="price" label={t('products.price')} rules={[{ required: true, message: t('form.required') }]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="cost" label={t('products.cost')} extra={kind === 'product' ? t('products.cost.hint') : undefined}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="taxRate" label={t('products.taxRate')}>
              <InputNumber min={0} max={100} step={1} precision={2} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {kind === 'service' && (
            <Col span={8}>
              <Form.Item name="durationMinutes" label={t('products.duration')} rules={[{ required: true, message: t('form.required') }]}>
                <InputNumber min={1} max={1440} precision={0} suffix={t('products.minutes')} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          {kind === 'fee' && (
            <Col span={8}>
              <Form.Item name="feeKind" label={t('products.feeKind')} rules={[{ required: true, message: t('form.required') }]}>
                <Select options={(['join', 'annual', 'late', 'other'] as const).map((k) => ({ value: k, label: t(`products.feeKind.${k}`) }))} />
              </Form.Item>
            </Col>
          )}
          {kind === 'product' && (
            <>
              <Col span={8}>
                <Form.Item name="lowStockThreshold" label={t('products.lowStock')} extra={t('products.lowStock.hint')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="allowNegativeStock" label={t('products.allowNegative')} valuePropName="checked" extra={t('products.allowNegative.hint')}>
                  <Switch />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>

        <Typography.Title level={5}>{t('products.memberPrices')}</Typography.Title>
        {activeTiers.length === 0 ? (
          <Alert type="info" showIcon title={t('products.memberPrices.noTiers')} style={{ marginBottom: 16 }} />
        ) : (
          <div style={{ display: 'grid', gap: 8, marginBottom: 16 }} data-testid="tier-prices">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('products.memberPrices.hint')}
            </Typography.Text>
            {activeTiers.map((level) => (
              <div key={level.id} style={{ display: 'grid', gridTemplateColumns: '140px 200px 1fr', alignItems: 'center', gap: 12 }}>
                <Typography.Text strong>{level.name}</Typography.Text>
                <Form.Item name={['tierPrices', level.id]} noStyle>
                  <MoneyInput aria-label={t('products.memberPriceOf', { tier: level.name })} placeholder={t('products.memberPrice.none')} />
                </Form.Item>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {level.discountBp > 0 && typeof price === 'number'
                    ? t('products.memberPrice.tierIs', { rate: discountLabel(level.discountBp, locale), price: yuan(price - Math.round((price * level.discountBp) / 10000)) })
                    : t('products.memberPrice.noDiscount')}
                </Typography.Text>
              </div>
            ))}
          </div>
        )}

        <Typography.Title level={5}>{t('products.rules')}</Typography.Title>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="isTierDiscountable" label={t('products.tierDiscountable')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isPointsPayable" label={t('products.pointsPayable')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="isStoredValuePayable" label={t('products.svPayable')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="allStores" label={t('products.stores')}>
              <Radio.Group
                options={[
                  { value: true, label: t('products.stores.all') },
                  { value: false, label: t('products.stores.some') },
                ]}
              />
            </Form.Item>
            {allStores === false && (
              <Form.Item name="storeIds" rules={[{ required: true, type: 'array', min: 1, message: t('products.stores.required') }]}>
                <Select mode="multiple" aria-label={t('products.stores.some')} options={storeOptions(t, stores)} showSearch={{ optionFilterProp: 'label' }} />
              </Form.Item>
            )}
          </Col>
          <Col span={16}>
            <Form.Item name="description" label={t('products.description')}>
              <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sortOrder" label={t('products.sortOrder')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {editing && (
            <Col span={8}>
              <Form.Item name="isActive" label={t('products.active')} valuePropName="checked">
                <Switch />
              </Form.Item>
            </Col>
          )}
        </Row>
        <EnterSubmits />
      </Form>
    </Drawer>
  );
}
