// Create or edit a card product (卡项): what it holds (sessions or validity, caps, coach level),
// price, what it pays for (several courses / categories / service items, or anything), where it
// is sold and valid, how it starts, and its freeze, transfer, refund, family, upgrade and sale
// rules. Form names follow the API's field paths, so the server's field errors land on the
// fields; the obvious mistakes are caught here first.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { storeOptions, useOrgOptions } from '../components/org-options';
import { useApiError } from '../errors';
import { type MsgKey, useT } from '../i18n';
import { KIND_LABEL } from './format';
import type { CardProduct, CardProductCreate, CardProductKind } from './types';

type Validity = { unit: 'day' | 'month'; count: number } | null;
type Values = Omit<CardProductCreate, 'saleStoreIds' | 'price'> & { price: number | null; allSaleStores: boolean; saleStoreIds?: string[] };

const KINDS: CardProductKind[] = ['count', 'time', 'private', 'trial'];
const isSessionKind = (k: CardProductKind) => k !== 'time';

/** The server's defaults, spelled out so the form shows them. */
function defaults(kind: CardProductKind): Partial<Values> {
  const trial = kind === 'trial';
  return {
    kind,
    sessions: kind === 'time' ? null : trial ? 1 : 10,
    sessionUnit: 'session',
    validity: kind === 'time' ? { unit: 'month', count: 12 } : trial ? { unit: 'day', count: 7 } : { unit: 'month', count: 6 },
    perDayCap: null,
    perWeekCap: null,
    coachLevel: null,
    coverage: [{ type: 'any', id: '' }],
    storeScope: 'all_stores',
    allSaleStores: true,
    activationMode: 'purchase',
    activationDeadlineDays: null,
    freezePolicy: { isAllowed: !trial, minDays: 1, maxDays: 30, maxTimes: 3, maxTotalDays: 30, fee: 0, noticeDays: 0, isExpiryExtended: true, isAutoUnfreezeOnUse: true },
    transferPolicy: { isAllowed: !trial, fee: 0, maxTimes: 1 },
    refundPolicy: { isAllowed: !trial, formula: 'proportional', unitListPrice: null, deductionCapBp: 10000, feeFixed: 0, feeBp: 0, isAllowedAfterExpiry: false },
    familyPolicy: { isAllowed: false, maxMembers: 0 },
    upgradePolicy: { windowDays: null, toProductIds: [] },
    saleLimitPerMember: trial ? 1 : null,
    isTierDiscountable: !trial,
    isPointsPayable: true,
    isStoredValuePayable: true,
    refundTermsText: null,
    isActive: true,
    sortOrder: 0,
  };
}

function fromProduct(p: CardProduct): Values {
  return {
    kind: p.kind,
    name: p.name,
    description: p.description,
    price: p.price,
    sessions: p.sessions,
    sessionUnit: p.sessionUnit,
    validity: p.validity as Validity,
    perDayCap: p.perDayCap,
    perWeekCap: p.perWeekCap,
    coachLevel: p.coachLevel,
    coverage: p.coverage,
    storeScope: p.storeScope,
    allSaleStores: p.saleStoreIds === null,
    saleStoreIds: p.saleStoreIds ?? [],
    activationMode: p.activationMode,
    activationDeadlineDays: p.activationDeadlineDays,
    freezePolicy: p.freezePolicy,
    transferPolicy: p.transferPolicy,
    refundPolicy: p.refundPolicy,
    familyPolicy: p.familyPolicy,
    upgradePolicy: p.upgradePolicy,
    saleLimitPerMember: p.saleLimitPerMember,
    isTierDiscountable: p.isTierDiscountable,
    isPointsPayable: p.isPointsPayable,
    isStoredValuePayable: p.isStoredValuePayable,
    refundTermsText: p.refundTermsText,
    isActive: p.isActive,
    sortOrder: p.sortOrder,
  };
}

/** Validity as N days / N months, or none (session cards only). */
function ValidityInput(props: { value?: Validity; onChange?(v: Validity): void; allowNone: boolean; id?: string }) {
  const t = useT();
  const v = props.value ?? null;
  return (
    <Space.Compact>
      <Select
        id={props.id}
        style={{ width: 120 }}
        value={v ? v.unit : 'none'}
        onChange={(u) => props.onChange?.(u === 'none' ? null : { unit: u as 'day' | 'month', count: v?.count ?? (u === 'month' ? 12 : 30) })}
        options={[...(props.allowNone ? [{ value: 'none', label: t('cards.validity.none') }] : []), { value: 'month', label: t('cards.unit.month') }, { value: 'day', label: t('cards.unit.day') }]}
      />
      {v && <InputNumber min={1} max={v.unit === 'month' ? 120 : 3720} value={v.count} onChange={(n) => props.onChange?.({ unit: v.unit, count: n ?? 0 })} aria-label={t('cards.field.validityCount')} style={{ width: 110 }} />}
    </Space.Compact>
  );
}

/** Basis points typed as a percentage (10 % = 1000). */
function PercentInput(props: { value?: number; onChange?(bp: number): void; id?: string }) {
  return <InputNumber id={props.id} min={0} max={100} step={1} precision={2} suffix="%" style={{ width: 130 }} value={props.value === undefined ? undefined : props.value / 100} onChange={(n) => props.onChange?.(Math.round((n ?? 0) * 100))} />;
}

const required = (t: ReturnType<typeof useT>) => ({ required: true, message: t('cards.required') });

export function CardProductEditor(props: { product: CardProduct | 'new'; products: CardProduct[]; onClose(): void; onSaved(p: CardProduct): void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const { stores } = useOrgOptions();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [services, setServices] = useState<{ id: string; name: string }[]>([]);
  const editing = props.product !== 'new' ? props.product : null;
  const kind: CardProductKind = Form.useWatch('kind', form) ?? editing?.kind ?? 'count';
  const allSaleStores = Form.useWatch('allSaleStores', form);
  const freezeAllowed = Form.useWatch(['freezePolicy', 'isAllowed'], form);
  const transferAllowed = Form.useWatch(['transferPolicy', 'isAllowed'], form);
  const refundAllowed = Form.useWatch(['refundPolicy', 'isAllowed'], form);
  const formula = Form.useWatch(['refundPolicy', 'formula'], form);
  const familyAllowed = Form.useWatch(['familyPolicy', 'isAllowed'], form);
  const activationMode = Form.useWatch('activationMode', form);
  const coverage = Form.useWatch('coverage', form);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(editing ? fromProduct(editing) : (defaults('count') as Values));
  }, [editing?.id]);

  useEffect(() => {
    call(api.GET('/api/v1/products', { params: { query: { kind: 'service', limit: 100 } } }))
      .then((r) => setServices(r.items.map((p) => ({ id: p.id, name: p.name }))))
      .catch(() => setServices([]));
  }, []);

  async function save() {
    // Every value the form holds, also of sections hidden for now (the API wants whole policies).
    const v = form.getFieldsValue(true) as Values;
    const session = isSessionKind(v.kind);
    const body = {
      name: v.name.trim(),
      description: v.description?.trim() || null,
      price: v.price ?? 0,
      sessions: session ? (v.sessions ?? null) : null,
      sessionUnit: v.sessionUnit ?? 'session',
      validity: v.validity ?? null,
      perDayCap: v.perDayCap ?? null,
      perWeekCap: v.perWeekCap ?? null,
      coachLevel: v.kind === 'private' ? v.coachLevel?.trim() || null : null,
      coverage: (v.coverage ?? []).map((c) => ({ type: c.type, id: c.type === 'any' ? '' : (c.id ?? '').trim() })),
      storeScope: v.storeScope,
      saleStoreIds: v.allSaleStores ? null : (v.saleStoreIds ?? []),
      activationMode: v.activationMode,
      activationDeadlineDays: v.activationMode === 'purchase' ? null : (v.activationDeadlineDays ?? null),
      freezePolicy: v.freezePolicy,
      transferPolicy: v.transferPolicy,
      refundPolicy: { ...v.refundPolicy!, unitListPrice: v.refundPolicy!.formula === 'list_price_capped' ? (v.refundPolicy!.unitListPrice ?? null) : null },
      familyPolicy: v.familyPolicy!.isAllowed ? v.familyPolicy : { isAllowed: false, maxMembers: 0 },
      upgradePolicy: v.upgradePolicy,
      saleLimitPerMember: v.saleLimitPerMember ?? null,
      isTierDiscountable: v.isTierDiscountable,
      isPointsPayable: v.isPointsPayable,
      isStoredValuePayable: v.isStoredValuePayable,
      refundTermsText: v.refundTermsText?.trim() || null,
      isActive: v.isActive,
      sortOrder: v.sortOrder ?? 0,
    };
    setSaving(true);
    try {
      const saved = editing
        ? await call(api.PATCH('/api/v1/card-products/{cardProductId}', { params: { path: { cardProductId: editing.id } }, body }))
        : await call(api.POST('/api/v1/card-products', { body: { ...(body as Omit<CardProductCreate, 'kind'>), kind: v.kind } }));
      message.success(t(editing ? 'cards.product.saved' : 'cards.product.created', { name: saved.name }));
      props.onSaved(saved);
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const section = (key: MsgKey) => (
    <Typography.Title level={5} style={{ marginTop: 8 }}>
      {t(key)}
    </Typography.Title>
  );
  const upgradeTargets = props.products.filter((p) => p.kind === kind && p.id !== editing?.id);

  return (
    <Drawer
      open
      size={760}
      title={editing ? t('cards.product.edit', { name: editing.name }) : t('cards.product.new')}
      onClose={props.onClose}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="card-product-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={save} scrollToFirstError data-testid="card-product-form">
        <Form.Item name="kind" label={t('cards.field.kind')}>
          <Radio.Group
            disabled={!!editing}
            optionType="button"
            options={KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
            onChange={(e) => {
              const k = e.target.value as CardProductKind;
              const d = defaults(k);
              form.setFieldsValue({ sessions: d.sessions, validity: d.validity, freezePolicy: d.freezePolicy, transferPolicy: d.transferPolicy, refundPolicy: d.refundPolicy, saleLimitPerMember: d.saleLimitPerMember });
            }}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t(`cards.kind.hint.${kind}` as MsgKey)}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('cards.field.name')} rules={[{ required: true, whitespace: true, message: t('cards.required') }, { max: 60, message: t('cards.max', { max: 60 }) }]}>
              <Input autoFocus maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="price" label={t('cards.field.price')} rules={[required(t)]}>
              <MoneyInput />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sortOrder" label={t('cards.field.sortOrder')}>
              <InputNumber min={0} max={100000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        {section('cards.section.contents')}
        <Row gutter={16}>
          {isSessionKind(kind) && (
            <>
              <Col span={6}>
                <Form.Item name="sessions" label={t('cards.field.sessions')} rules={[required(t), { type: 'number', min: 1, max: 10000, message: t('cards.range.int', { min: 1, max: 10000 }) }]}>
                  <InputNumber style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="sessionUnit" label={t('cards.field.sessionUnit')}>
                  <Select options={[{ value: 'session', label: t('cards.unit.session') }, { value: 'class_hour', label: t('cards.unit.classHour') }]} />
                </Form.Item>
              </Col>
            </>
          )}
          <Col span={12}>
            <Form.Item
              name="validity"
              label={t('cards.field.validity')}
              extra={t('cards.field.validity.hint')}
              rules={[
                {
                  validator: async (_r, v: Validity) => {
                    if (!v && !isSessionKind(kind)) throw new Error(t('cards.error.timeNeedsValidity'));
                    if (v && (!v.count || v.count < 1)) throw new Error(t('cards.error.validityCount'));
                  },
                },
              ]}
            >
              <ValidityInput allowNone={isSessionKind(kind)} />
            </Form.Item>
          </Col>
          {kind === 'time' && (
            <>
              <Col span={6}>
                <Form.Item name="perDayCap" label={t('cards.field.perDayCap')} extra={t('cards.field.capHint')}>
                  <InputNumber min={1} max={100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="perWeekCap" label={t('cards.field.perWeekCap')} extra={t('cards.field.capHint')}>
                  <InputNumber min={1} max={700} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
          {kind === 'private' && (
            <Col span={12}>
              <Form.Item name="coachLevel" label={t('cards.field.coachLevel')} extra={t('cards.field.coachLevel.hint')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          )}
        </Row>

        {section('cards.section.coverage')}
        <Form.List
          name="coverage"
          rules={[
            {
              validator: async (_r, list: unknown[] | undefined) => {
                if (!list || list.length === 0) throw new Error(t('cards.error.coverageEmpty'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => {
                const type = coverage?.[i]?.type ?? 'any';
                return (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'type']} style={{ marginBottom: 8 }}>
                      <Select
                        style={{ width: 150 }}
                        aria-label={t('cards.coverage.type')}
                        onChange={() => form.setFieldValue(['coverage', f.name, 'id'], '')}
                        options={(['any', 'service', 'course', 'course_category'] as const).map((v) => ({ value: v, label: t(`cards.coverage.${v}`) }))}
                      />
                    </Form.Item>
                    {type === 'service' && (
                      <Form.Item name={[f.name, 'id']} style={{ marginBottom: 8 }} rules={[required(t)]}>
                        <Select style={{ width: 300 }} showSearch optionFilterProp="label" options={services.map((s) => ({ value: s.id, label: s.name }))} placeholder={t('cards.coverage.pickService')} />
                      </Form.Item>
                    )}
                    {(type === 'course' || type === 'course_category') && (
                      <Form.Item name={[f.name, 'id']} style={{ marginBottom: 8 }} rules={[required(t), { pattern: /^[\x21-\x7e]*$/, message: t('cards.coverage.idFormat') }]}>
                        <Input style={{ width: 300 }} maxLength={64} placeholder={t('cards.coverage.idPlaceholder')} />
                      </Form.Item>
                    )}
                    {type === 'any' && <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>{t('cards.coverage.anyHint')}</Typography.Text>}
                    {fields.length > 1 && <Button type="text" icon={<DeleteOutlined />} aria-label={t('cards.coverage.remove')} onClick={() => remove(f.name)} />}
                  </Space>
                );
              })}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ type: 'service', id: '' })} disabled={fields.length >= 100}>
                {t('cards.coverage.add')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>

        {section('cards.section.where')}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="storeScope" label={t('cards.field.storeScope')}>
              <Select options={(['issuing_store', 'issuing_region', 'all_stores'] as const).map((v) => ({ value: v, label: t(`cards.scope.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="allSaleStores" label={t('cards.field.saleStores')} valuePropName="checked">
              <Switch checkedChildren={t('cards.field.saleStores.all')} unCheckedChildren={t('cards.field.saleStores.some')} />
            </Form.Item>
          </Col>
        </Row>
        {allSaleStores === false && (
          <Form.Item name="saleStoreIds" label={t('cards.field.saleStoreIds')} rules={[{ required: true, type: 'array', min: 1, message: t('cards.error.saleStores') }]}>
            <Select mode="multiple" options={storeOptions(t, stores)} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="activationMode" label={t('cards.field.activationMode')}>
              <Select options={(['purchase', 'date', 'first_use'] as const).map((v) => ({ value: v, label: t(`cards.activation.${v}`) }))} />
            </Form.Item>
          </Col>
          {activationMode && activationMode !== 'purchase' && (
            <Col span={12}>
              <Form.Item name="activationDeadlineDays" label={t('cards.field.activationDeadline')} extra={t(activationMode === 'date' ? 'cards.field.activationDeadline.date' : 'cards.field.activationDeadline.firstUse')}>
                <InputNumber min={0} max={3660} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>

        {section('cards.section.freeze')}
        <Form.Item name={['freezePolicy', 'isAllowed']} valuePropName="checked" label={t('cards.freeze.allowed')}>
          <Switch />
        </Form.Item>
        {freezeAllowed && (
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'minDays']} label={t('cards.freeze.minDays')} rules={[required(t)]}>
                <InputNumber min={1} max={366} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name={['freezePolicy', 'maxDays']}
                label={t('cards.freeze.maxDays')}
                dependencies={[['freezePolicy', 'minDays']]}
                rules={[
                  required(t),
                  ({ getFieldValue }) => ({
                    validator: async (_r, v: number) => {
                      if (v !== undefined && v !== null && v < (getFieldValue(['freezePolicy', 'minDays']) ?? 1)) throw new Error(t('cards.error.maxBelowMin'));
                    },
                  }),
                ]}
              >
                <InputNumber min={1} max={366} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'maxTimes']} label={t('cards.freeze.maxTimes')} extra={t('cards.emptyUnlimited')}>
                <InputNumber min={0} max={100} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'maxTotalDays']} label={t('cards.freeze.maxTotalDays')} extra={t('cards.emptyUnlimited')}>
                <InputNumber min={0} max={3660} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'fee']} label={t('cards.freeze.fee')} rules={[required(t)]}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'noticeDays']} label={t('cards.freeze.noticeDays')}>
                <InputNumber min={0} max={90} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'isExpiryExtended']} valuePropName="checked" label={t('cards.freeze.extends')}>
                <Switch />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name={['freezePolicy', 'isAutoUnfreezeOnUse']} valuePropName="checked" label={t('cards.freeze.autoUnfreeze')}>
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        )}

        {section('cards.section.transfer')}
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name={['transferPolicy', 'isAllowed']} valuePropName="checked" label={t('cards.transfer.allowed')}>
              <Switch />
            </Form.Item>
          </Col>
          {transferAllowed && (
            <>
              <Col span={6}>
                <Form.Item name={['transferPolicy', 'fee']} label={t('cards.transfer.fee')} rules={[required(t)]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['transferPolicy', 'maxTimes']} label={t('cards.transfer.maxTimes')} extra={t('cards.emptyUnlimited')}>
                  <InputNumber min={0} max={100} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>

        {section('cards.section.refund')}
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name={['refundPolicy', 'isAllowed']} valuePropName="checked" label={t('cards.refund.allowed')}>
              <Switch />
            </Form.Item>
          </Col>
          {refundAllowed && (
            <>
              <Col span={18}>
                <Form.Item name={['refundPolicy', 'formula']} label={t('cards.refund.formula')} extra={formula ? t(`cards.formula.${formula}.hint` as MsgKey) : undefined}>
                  <Select options={(['proportional', 'package_unit_price', 'list_price_capped'] as const).map((v) => ({ value: v, label: t(`cards.formula.${v}`) }))} />
                </Form.Item>
              </Col>
              {formula === 'list_price_capped' && (
                <>
                  <Col span={6}>
                    <Form.Item name={['refundPolicy', 'unitListPrice']} label={t('cards.refund.unitListPrice')} rules={[required(t), { validator: async (_r, v: number | null) => { if (v !== null && v !== undefined && v <= 0) throw new Error(t('cards.error.positive')); } }]}>
                      <MoneyInput />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={['refundPolicy', 'deductionCapBp']} label={t('cards.refund.cap')}>
                      <PercentInput />
                    </Form.Item>
                  </Col>
                </>
              )}
              <Col span={6}>
                <Form.Item name={['refundPolicy', 'feeFixed']} label={t('cards.refund.feeFixed')} rules={[required(t)]}>
                  <MoneyInput />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['refundPolicy', 'feeBp']} label={t('cards.refund.feeBp')}>
                  <PercentInput />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={['refundPolicy', 'isAllowedAfterExpiry']} valuePropName="checked" label={t('cards.refund.afterExpiry')}>
                  <Switch />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
        <Form.Item name="refundTermsText" label={t('cards.field.refundTermsText')} extra={t('cards.field.refundTermsText.hint')} rules={[{ max: 2000, message: t('cards.max', { max: 2000 }) }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>

        {section('cards.section.family')}
        <Row gutter={16}>
          <Col span={6}>
            <Form.Item name={['familyPolicy', 'isAllowed']} valuePropName="checked" label={t('cards.family.allowed')}>
              <Switch onChange={(on) => on && !form.getFieldValue(['familyPolicy', 'maxMembers']) && form.setFieldValue(['familyPolicy', 'maxMembers'], 2)} />
            </Form.Item>
          </Col>
          {familyAllowed && (
            <Col span={6}>
              <Form.Item name={['familyPolicy', 'maxMembers']} label={t('cards.family.maxMembers')} rules={[required(t), { type: 'number', min: 1, max: 10, message: t('cards.range.int', { min: 1, max: 10 }) }]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
          <Col span={6}>
            <Form.Item name={['upgradePolicy', 'windowDays']} label={t('cards.upgrade.windowDays')} extra={t('cards.upgrade.windowHint')}>
              <InputNumber min={0} max={3660} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="saleLimitPerMember" label={t('cards.field.saleLimit')} extra={t('cards.emptyUnlimited')}>
              <InputNumber min={1} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['upgradePolicy', 'toProductIds']} label={t('cards.upgrade.targets')} extra={t('cards.upgrade.targetsHint')}>
          <Select mode="multiple" options={upgradeTargets.map((p) => ({ value: p.id, label: `${p.name} · ${yuan(p.price)}` }))} />
        </Form.Item>

        {section('cards.section.payment')}
        <Space size={24} wrap>
          <Form.Item name="isTierDiscountable" valuePropName="checked" label={t('cards.field.tierDiscountable')}>
            <Switch />
          </Form.Item>
          <Form.Item name="isPointsPayable" valuePropName="checked" label={t('cards.field.pointsPayable')}>
            <Switch />
          </Form.Item>
          <Form.Item name="isStoredValuePayable" valuePropName="checked" label={t('cards.field.storedValuePayable')}>
            <Switch />
          </Form.Item>
          <Form.Item name="isActive" valuePropName="checked" label={t('cards.field.isActive')}>
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item name="description" label={t('cards.field.description')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        {editing && <Alert type="info" showIcon title={t('cards.product.editNote')} />}
      </Form>
    </Drawer>
  );
}
