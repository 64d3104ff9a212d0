// Tier settings (tier.manage): how members qualify (metric, window, grace) and the levels —
// rank, unique name, threshold and retention, discount, points multiplier, booking priority,
// birthday gift points, benefits note. The level rules are checked as you type (messages on
// the fields); what the server still refuses lands on the same fields.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Spin, Switch, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/client';
import type { TierConfig, TierLevel } from '../../api/retail';
import type { BodyOf } from '../../api/types';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { useApiError } from '../errors';
import { type MsgKey, type T, useT } from '../i18n';
import { MONEY_METRICS } from './labels';
import { type LevelDraft, type LevelField, type LevelProblem, levelProblems } from './tier-validation';

type Body = BodyOf<'/api/v1/tier-config', 'put'>;
type Metric = Body['program']['metric'];
type Window = Body['program']['window'];
const METRICS: Metric[] = ['spend', 'recharge', 'single_order', 'points', 'visits'];
const WINDOWS: Window[] = ['lifetime', 'rolling_months', 'calendar_year'];

interface LevelRow extends LevelDraft {
  id?: string;
  isActive: boolean;
  discountBp: number | null;
  pointsMultiplierBp: number | null;
  bookingPriorityHours: number | null;
  giftPoints: number | null;
  giftNote?: string;
  benefitsNote: string | null;
}
interface Values {
  program: { metric: Metric; window: Window; windowMonths: number; graceDays: number };
  levels: LevelRow[];
}

function toRow(l: TierLevel): LevelRow {
  return {
    id: l.id,
    isActive: l.isActive,
    rank: l.rank,
    name: l.name,
    threshold: l.threshold,
    retentionThreshold: l.retentionThreshold,
    discountBp: l.discountBp,
    pointsMultiplierBp: l.pointsMultiplierBp,
    bookingPriorityHours: l.bookingPriorityHours,
    giftPoints: l.birthdayGift?.points ?? null,
    giftNote: l.birthdayGift?.note,
    benefitsNote: l.benefitsNote,
  };
}

function toBody(v: Values): Body {
  return {
    program: { ...v.program, windowMonths: v.program.windowMonths ?? 12, graceDays: v.program.graceDays ?? 0 },
    levels: v.levels.map((l) => ({
      ...(l.id ? { id: l.id } : {}),
      isActive: l.isActive,
      rank: l.rank!,
      name: (l.name ?? '').trim(),
      threshold: l.threshold!,
      retentionThreshold: l.retentionThreshold ?? null,
      discountBp: l.discountBp ?? 0,
      pointsMultiplierBp: l.pointsMultiplierBp ?? 10000,
      bookingPriorityHours: l.bookingPriorityHours ?? 0,
      birthdayGift: l.giftPoints || l.giftNote ? { ...(l.giftPoints ? { points: l.giftPoints } : {}), ...(l.giftNote ? { note: l.giftNote } : {}) } : null,
      benefitsNote: l.benefitsNote?.trim() || null,
    })),
  };
}

function problemText(t: T, p: LevelProblem, metric: string): string {
  const amount = (v: number) => (MONEY_METRICS.includes(metric) ? yuan(v) : v.toLocaleString());
  switch (p.code) {
    case 'required':
      return t(p.field === 'name' ? 'tierCfg.rule.nameRequired' : p.field === 'rank' ? 'tierCfg.rule.rankRequired' : 'tierCfg.rule.thresholdRequired');
    case 'duplicate':
      return p.field === 'name' ? t('tierCfg.rule.nameDuplicate', { name: p.name }) : t('tierCfg.rule.rankDuplicate', { rank: p.rank });
    case 'negative':
      return t('tierCfg.rule.nonNegative');
    case 'notRising':
      return t('tierCfg.rule.thresholdRising', { name: p.lowerName, value: amount(p.lowerThreshold) });
    case 'aboveThreshold':
      return t('tierCfg.rule.retentionAbove');
  }
}

/** A basis-point value typed in a friendlier unit (percent: scale 100; multiplier: 10000). */
function ScaledInput(props: { value?: number | null; onChange?(v: number | null): void; scale: number; max: number; suffix?: string; 'aria-label'?: string }) {
  return (
    <InputNumber
      aria-label={props['aria-label']}
      value={props.value === null || props.value === undefined ? null : props.value / props.scale}
      onChange={(v) => props.onChange?.(v === null ? null : Math.round(Number(v) * props.scale))}
      min={0}
      max={props.max / props.scale}
      step={props.scale === 10000 ? 0.1 : 1}
      precision={2}
      suffix={props.suffix}
      style={{ width: '100%' }}
    />
  );
}

const LEVEL_FIELDS: LevelField[] = ['rank', 'name', 'threshold', 'retentionThreshold'];

export default function TierSettingsPage() {
  const t = useT();
  const showError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState<TierConfig | null>(null);
  const [saving, setSaving] = useState(false);
  const metric = Form.useWatch(['program', 'metric'], form) ?? 'spend';
  const window = Form.useWatch(['program', 'window'], form);
  const submitted = useRef(false);

  useEffect(() => {
    call(api.GET('/api/v1/tier-config'))
      .then((cfg) => {
        setLoaded(cfg);
        form.setFieldsValue({
          program: { metric: (cfg.program.metric as Metric) ?? 'spend', window: (cfg.program.window as Window) ?? 'lifetime', windowMonths: cfg.program.windowMonths, graceDays: cfg.program.graceDays },
          levels: [...cfg.levels].sort((a, b) => a.rank - b.rank).map(toRow),
        });
      })
      .catch(showError);
  }, []);

  // A level rule for one cell: the problems of the whole list, those of this row and field.
  const rule = (index: number, field: LevelField) => ({
    validator: () => {
      const p = levelProblems(form.getFieldValue('levels') ?? []).find((x) => x.index === index && x.field === field);
      return p ? Promise.reject(new Error(problemText(t, p, metric))) : Promise.resolve();
    },
  });
  const revalidate = () => {
    const n = (form.getFieldValue('levels') ?? []).length;
    const names = Array.from({ length: n }, (_, i) => LEVEL_FIELDS.map((f) => ['levels', i, f] as ['levels', number, LevelField])).flat();
    // Only fields already touched (or after a save attempt): a new row is not red before it is typed in.
    void form.validateFields(submitted.current ? names : names.filter((nm) => form.isFieldTouched(nm))).catch(() => undefined);
  };

  async function save(validated: Values) {
    // onFinish hands over only the fields on screen; the level ids (and gift notes) ride along unseen.
    const all = form.getFieldsValue(true) as Values;
    const v: Values = { program: { ...all.program, ...validated.program }, levels: all.levels };
    setSaving(true);
    try {
      const cfg = await call(api.PUT('/api/v1/tier-config', { body: toBody(v) }));
      setLoaded(cfg);
      form.setFieldsValue({ levels: [...cfg.levels].sort((a, b) => a.rank - b.rank).map(toRow) });
      message.success(t('tierCfg.saved'));
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  if (!loaded) return <Spin style={{ display: 'block', margin: 48 }} />;
  const money = MONEY_METRICS.includes(metric);
  const amountInput = (label: string, placeholder?: string) =>
    money ? <MoneyInput aria-label={label} placeholder={placeholder} /> : <InputNumber aria-label={label} placeholder={placeholder} min={0} precision={0} style={{ width: '100%' }} />;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={(v) => void save(v)}
      onFinishFailed={() => {
        submitted.current = true;
      }}
      onValuesChange={(changed: Partial<Values>) => {
        if (changed.levels || changed.program) revalidate();
      }}
      data-testid="tier-settings"
    >
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('tierCfg.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('tierCfg.hint')} style={{ marginBottom: 16 }} />
      <Card size="small" title={t('tierCfg.program')} style={{ marginBottom: 16 }}>
        <Space wrap size={16} align="start">
          <Form.Item name={['program', 'metric']} label={t('tierCfg.metric')} style={{ marginBottom: 0 }}>
            <Select style={{ width: 160 }} options={METRICS.map((m) => ({ value: m, label: t(`tierCfg.metric.${m}` as MsgKey) }))} />
          </Form.Item>
          <Form.Item name={['program', 'window']} label={t('tierCfg.window')} style={{ marginBottom: 0 }}>
            <Select style={{ width: 160 }} options={WINDOWS.map((w) => ({ value: w, label: t(`tierCfg.window.${w}` as MsgKey) }))} />
          </Form.Item>
          {window === 'rolling_months' && (
            <Form.Item name={['program', 'windowMonths']} label={t('tierCfg.windowMonths')} style={{ marginBottom: 0 }}>
              <InputNumber min={1} max={60} precision={0} style={{ width: 100 }} />
            </Form.Item>
          )}
          <Form.Item name={['program', 'graceDays']} label={t('tierCfg.graceDays')} style={{ marginBottom: 0 }}>
            <InputNumber min={0} max={365} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Space>
      </Card>

      <Form.List name="levels">
        {(fields, { add, remove }) => (
          <Card
            size="small"
            title={t('tierCfg.levels')}
            extra={
              <Button
                icon={<PlusOutlined />}
                data-testid="tier-add"
                onClick={() => {
                  const levels: LevelRow[] = form.getFieldValue('levels') ?? [];
                  const rank = levels.reduce((m, l) => Math.max(m, l.rank ?? -1), -1) + 1;
                  add({ rank, name: '', threshold: null, retentionThreshold: null, isActive: true, discountBp: 0, pointsMultiplierBp: 10000, bookingPriorityHours: 0, giftPoints: null, benefitsNote: null } satisfies LevelRow);
                }}
              >
                {t('tierCfg.add')}
              </Button>
            }
          >
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={fields}
              scroll={{ x: 1180 }}
              locale={{ emptyText: t('tierCfg.empty') }}
              onRow={(_, i) => ({ 'data-testid': `tier-row-${i}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t('tierCfg.rank'),
                  width: 76,
                  fixed: 'left',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'rank']} rules={[rule(f.name, 'rank')]} style={{ marginBottom: 0 }}>
                      <InputNumber aria-label={t('tierCfg.rank')} min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.name'),
                  width: 140,
                  fixed: 'left',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'name']} rules={[rule(f.name, 'name')]} style={{ marginBottom: 0 }}>
                      <Input aria-label={t('tierCfg.name')} maxLength={20} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.threshold'),
                  width: 170,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'threshold']} rules={[rule(f.name, 'threshold')]} style={{ marginBottom: 0 }}>
                      {amountInput(t('tierCfg.threshold'))}
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.retention'),
                  width: 150,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'retentionThreshold']} rules={[rule(f.name, 'retentionThreshold')]} style={{ marginBottom: 0 }}>
                      {amountInput(t('tierCfg.retention'), t('tierCfg.retention.placeholder'))}
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.discount'),
                  width: 110,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'discountBp']} style={{ marginBottom: 0 }}>
                      <ScaledInput scale={100} max={9000} suffix="%" aria-label={t('tierCfg.discount')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.multiplier'),
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'pointsMultiplierBp']} style={{ marginBottom: 0 }}>
                      <ScaledInput scale={10000} max={100000} suffix="×" aria-label={t('tierCfg.multiplier')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.priority'),
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'bookingPriorityHours']} style={{ marginBottom: 0 }}>
                      <InputNumber min={0} max={720} precision={0} style={{ width: '100%' }} aria-label={t('tierCfg.priority')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.gift'),
                  width: 100,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'giftPoints']} style={{ marginBottom: 0 }}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} aria-label={t('tierCfg.gift')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.note'),
                  width: 170,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'benefitsNote']} style={{ marginBottom: 0 }}>
                      <Input maxLength={500} aria-label={t('tierCfg.note')} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tierCfg.active'),
                  width: 64,
                  fixed: 'right',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'isActive']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Switch size="small" aria-label={t('tierCfg.active')} />
                    </Form.Item>
                  ),
                },
                {
                  width: 48,
                  fixed: 'right',
                  render: (_, f) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('tierCfg.remove')} onClick={() => { remove(f.name); revalidate(); }} />,
                },
              ]}
            />
          </Card>
        )}
      </Form.List>
      <div style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="tier-save">
          {t('tierCfg.save')}
        </Button>
      </div>
    </Form>
  );
}
