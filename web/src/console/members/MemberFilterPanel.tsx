// The member list's filters: tags, home store, birthday month, source channel, joined between,
// and the tenant's custom fields (text / choice: equals; number / date: a range).
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { storeOptions } from '../components/org-options';
import { useT } from '../i18n';
import { useLocale } from '../../i18n/locale';
import type { MemberFilters } from './filters';
import type { MemberMeta } from './useMemberMeta';
import type { CustomField } from './types';

interface Values {
  tag: string[];
  storeId?: string;
  birthdayMonth?: number;
  sourceChannel?: string;
  created?: [Dayjs | null, Dayjs | null] | null;
  custom: Record<string, unknown>;
}

function splitRange(v: string | undefined): [string, string] {
  if (!v) return ['', ''];
  const i = v.indexOf('..');
  return i < 0 ? [v, v] : [v.slice(0, i), v.slice(i + 2)];
}

function toValues(f: MemberFilters, fields: CustomField[]): Values {
  const custom: Record<string, unknown> = {};
  for (const d of fields) {
    const v = f.custom[d.key];
    if (!v) continue;
    if (d.type === 'number') {
      const [a, b] = splitRange(v);
      custom[d.key] = { min: a === '' ? null : Number(a), max: b === '' ? null : Number(b) };
    } else if (d.type === 'date') {
      const [a, b] = splitRange(v);
      custom[d.key] = [a ? dayjs(a) : null, b ? dayjs(b) : null];
    } else custom[d.key] = v;
  }
  return {
    tag: f.tag,
    storeId: f.storeId,
    birthdayMonth: f.birthdayMonth,
    sourceChannel: f.sourceChannel,
    created: f.createdFrom || f.createdTo ? [f.createdFrom ? dayjs(f.createdFrom) : null, f.createdTo ? dayjs(f.createdTo) : null] : null,
    custom,
  };
}

function toFilters(v: Values, fields: CustomField[]): MemberFilters {
  const custom: Record<string, string> = {};
  for (const d of fields) {
    const x = v.custom?.[d.key];
    if (x === undefined || x === null || x === '') continue;
    if (d.type === 'number') {
      const r = x as { min?: number | null; max?: number | null };
      const min = r.min ?? null;
      const max = r.max ?? null;
      if (min === null && max === null) continue;
      custom[d.key] = min !== null && min === max ? String(min) : `${min ?? ''}..${max ?? ''}`;
    } else if (d.type === 'date') {
      const [a, b] = (x as [Dayjs | null, Dayjs | null] | null) ?? [null, null];
      if (!a && !b) continue;
      custom[d.key] = `${a ? a.format('YYYY-MM-DD') : ''}..${b ? b.format('YYYY-MM-DD') : ''}`;
    } else {
      const s = String(x).trim();
      if (s) custom[d.key] = s;
    }
  }
  const [from, to] = v.created ?? [null, null];
  return {
    tag: v.tag ?? [],
    storeId: v.storeId || undefined,
    birthdayMonth: v.birthdayMonth || undefined,
    sourceChannel: v.sourceChannel || undefined,
    createdFrom: from ? from.format('YYYY-MM-DD') : undefined,
    createdTo: to ? to.format('YYYY-MM-DD') : undefined,
    custom,
  };
}

export function MemberFilterPanel(props: { value: MemberFilters; meta: MemberMeta; onChange(f: MemberFilters): void }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const { meta } = props;

  useEffect(() => {
    form.setFieldsValue(toValues(props.value, meta.activeFields));
  }, [form, props.value, meta.activeFields]);

  const months = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t('members.filter.month', { month: i + 1 }) }));

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="member-filters"
      initialValues={toValues(props.value, meta.activeFields)}
      onFinish={(v) => props.onChange(toFilters(v, meta.activeFields))}
      style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: '16px 16px 0', marginBottom: 16 }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="tag" label={t('members.field.tags')} tooltip={t('members.filter.tags.hint')}>
            <Select mode="multiple" allowClear options={meta.facets.tags.map((x) => ({ value: x.tag, label: `${x.tag} (${x.count})` }))} placeholder={t('members.filter.any')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="storeId" label={t('members.field.homeStore')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={storeOptions(t, meta.stores)} placeholder={t('members.filter.anyStore')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item name="birthdayMonth" label={t('members.filter.birthdayMonth')}>
            <Select allowClear options={months} placeholder={t('members.filter.any')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item name="sourceChannel" label={t('members.field.sourceChannel')}>
            <Select allowClear showSearch options={meta.facets.sourceChannels.map((x) => ({ value: x.value, label: `${x.value} (${x.count})` }))} placeholder={t('members.filter.any')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="created" label={t('members.filter.created')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {meta.activeFields.map((d) => (
          <Col key={d.key} xs={24} md={12} xl={6}>
            {d.type === 'number' ? (
              <Form.Item label={locale === 'en' ? d.labelEn : d.labelZh}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name={['custom', d.key, 'min']} noStyle>
                    <InputNumber style={{ width: '50%' }} placeholder={t('members.filter.min')} aria-label={`${d.label} ${t('members.filter.min')}`} />
                  </Form.Item>
                  <Form.Item name={['custom', d.key, 'max']} noStyle>
                    <InputNumber style={{ width: '50%' }} placeholder={t('members.filter.max')} aria-label={`${d.label} ${t('members.filter.max')}`} />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            ) : (
              <Form.Item name={['custom', d.key]} label={locale === 'en' ? d.labelEn : d.labelZh}>
                {d.type === 'date' ? (
                  <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
                ) : d.type === 'choice' ? (
                  <Select allowClear options={d.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelZh }))} placeholder={t('members.filter.any')} />
                ) : (
                  <Input allowClear placeholder={t('members.filter.equals')} />
                )}
              </Form.Item>
            )}
          </Col>
        ))}
      </Row>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('members.filter.apply')}
          </Button>
          <Button
            onClick={() => {
              const blank: MemberFilters = { tag: [], custom: {} };
              form.setFieldsValue(toValues(blank, meta.activeFields));
              form.resetFields();
              props.onChange(blank);
            }}
          >
            {t('members.filter.clear')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
