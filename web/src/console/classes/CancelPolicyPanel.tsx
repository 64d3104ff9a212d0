// The cancellation policy (course.settings): an ordered rule list — cancelled at least / less than
// N minutes before the start, or after it (and no-shows) → the held session given back or
// forfeited, a late fee, a strike toward the booking ban — plus grace allowances and the ban.
// The server checks that every rule can apply and every moment has one; its field issues land on
// the rule's fields, a gap in the list under it.
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, InputNumber, Select, Space, Spin, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, call } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { MoneyInput } from '../cashier/MoneyInput';
import { useApiError } from '../errors';
import { useT } from '../i18n';
import { useSession } from '../session';

type Policy = ResponseOf<'/api/v1/course-cancel-policy', 'get'>;
type PolicyBody = BodyOf<'/api/v1/course-cancel-policy', 'put'>;
type Rule = Policy['rules'][number];
const MAX_RULES = 12;

export function CancelPolicyPanel() {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const [form] = Form.useForm();
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [saving, setSaving] = useState(false);
  const [listErrors, setListErrors] = useState<string[]>([]);
  const writable = can('course.settings');

  const fill = (p: Policy) => {
    setPolicy(p);
    form.setFieldsValue({ rules: p.rules, graceLateCancelsPerMonth: p.graceLateCancelsPerMonth, banAfterCount: p.banAfterCount, banDays: p.banDays });
  };
  useEffect(() => {
    call(api.GET('/api/v1/course-cancel-policy')).then(fill, showError);
  }, []);

  async function save(v: { rules: Rule[]; graceLateCancelsPerMonth: number | null; banAfterCount: number | null; banDays: number | null }) {
    const body: PolicyBody = {
      rules: v.rules.map((r) => ({ window: r.window, minutes: r.window === 'after_start' ? null : (r.minutes ?? null), session: r.session, feeFen: r.feeFen ?? 0, countsTowardBan: !!r.countsTowardBan })),
      graceLateCancelsPerMonth: v.graceLateCancelsPerMonth ?? 0,
      banAfterCount: v.banAfterCount ?? 0,
      banDays: v.banDays ?? null,
    };
    setSaving(true);
    setListErrors([]);
    try {
      fill(await call(api.PUT('/api/v1/course-cancel-policy', { body })));
      message.success(t('classes.policy.saved'));
    } catch (err) {
      if (err instanceof ApiError) setListErrors(err.fieldIssues.filter((i) => i.path === 'rules').map((i) => i.message));
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  if (!policy) return <Spin style={{ display: 'block', margin: 24 }} />;
  const windows = (['at_least', 'less_than', 'after_start'] as const).map((w) => ({ value: w, label: t(`classes.policy.window.${w}`) }));
  const sessions = (['release', 'forfeit'] as const).map((s) => ({ value: s, label: t(`classes.policy.session.${s}`) }));

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => void save(v)}
      disabled={!writable}
      data-testid="cancel-policy"
      style={{ maxWidth: 960 }}
      onValuesChange={(changed: { rules?: (Partial<Rule> | undefined)[] }) => {
        // An after-start rule takes no minutes: clear them as the window is chosen.
        changed.rules?.forEach((r, i) => {
          if (r?.window === 'after_start') form.setFieldValue(['rules', i, 'minutes'], null);
        });
        if (listErrors.length) setListErrors([]);
      }}
    >
      <Typography.Paragraph type="secondary">{t('classes.policy.intro')}</Typography.Paragraph>
      {!policy.isCustom && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('classes.policy.derived')} data-testid="policy-derived" />}
      {!writable && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('classes.policy.readOnly')} />}
      <Form.List
        name="rules"
        rules={[
          {
            validator: async (_, rules: unknown[] | undefined) => {
              if (!rules?.length) throw new Error(t('classes.policy.atLeastOne'));
              if (rules.length > MAX_RULES) throw new Error(t('classes.policy.tooMany'));
            },
          },
        ]}
      >
        {(fields, { add, remove, move }, { errors }) => (
          <>
            {fields.map((field, i) => {
              const n = i + 1;
              return (
                <Space key={field.key} align="start" wrap data-testid={`policy-rule-${i}`} role="group" aria-label={t('classes.policy.rule', { n })} style={{ display: 'flex', marginBottom: 4 }}>
                  <Typography.Text strong style={{ display: 'inline-block', width: 56, paddingTop: 34 }}>
                    {t('classes.policy.rule', { n })}
                  </Typography.Text>
                  <Form.Item name={[field.name, 'window']} label={t('classes.policy.window')} rules={[{ required: true }]} style={{ width: 210 }}>
                    <Select options={windows} style={{ width: 210 }} aria-label={`${t('classes.policy.rule', { n })} ${t('classes.policy.window')}`} />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['rules', field.name, 'window']]}>
                    {() => {
                      const isAfter = form.getFieldValue(['rules', field.name, 'window']) === 'after_start';
                      return (
                        <Form.Item
                          name={[field.name, 'minutes']}
                          label={t('classes.policy.minutes')}
                          style={{ width: 130 }}
                          rules={[
                            {
                              validator: async (_, v: number | null | undefined) => {
                                if (isAfter && v !== null && v !== undefined) throw new Error(t('classes.policy.minutesNotAllowed'));
                                if (!isAfter && (v === null || v === undefined)) throw new Error(t('classes.policy.minutesRequired'));
                              },
                            },
                          ]}
                        >
                          <InputNumber min={0} max={30 * 24 * 60} precision={0} disabled={isAfter || !writable} style={{ width: 130 }} aria-label={`${t('classes.policy.rule', { n })} ${t('classes.policy.minutes')}`} />
                        </Form.Item>
                      );
                    }}
                  </Form.Item>
                  <Form.Item name={[field.name, 'session']} label={t('classes.policy.session')} rules={[{ required: true }]} style={{ width: 120 }}>
                    <Select options={sessions} style={{ width: 120 }} aria-label={`${t('classes.policy.rule', { n })} ${t('classes.policy.session')}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'feeFen']} label={t('classes.policy.fee')} style={{ width: 130 }}>
                    <MoneyInput style={{ width: 130 }} aria-label={`${t('classes.policy.rule', { n })} ${t('classes.policy.fee')}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'countsTowardBan']} label={t('classes.policy.strike')} valuePropName="checked" style={{ width: 140 }}>
                    <Switch aria-label={`${t('classes.policy.rule', { n })} ${t('classes.policy.strike')}`} />
                  </Form.Item>
                  <Space style={{ paddingTop: 30 }}>
                    <Button icon={<ArrowUpOutlined />} disabled={i === 0 || !writable} onClick={() => move(i, i - 1)} aria-label={t('classes.policy.moveUp', { n })} title={t('classes.policy.moveUp', { n })} />
                    <Button icon={<ArrowDownOutlined />} disabled={i === fields.length - 1 || !writable} onClick={() => move(i, i + 1)} aria-label={t('classes.policy.moveDown', { n })} title={t('classes.policy.moveDown', { n })} />
                    <Button icon={<DeleteOutlined />} danger disabled={fields.length <= 1 || !writable} onClick={() => remove(i)} aria-label={t('classes.policy.remove', { n })} title={t('classes.policy.remove', { n })} />
                  </Space>
                </Space>
              );
            })}
            {[...errors, ...listErrors].map((e, k) => (
              <Typography.Text key={k} type="danger" role="alert" className="ant-form-item-explain-error" style={{ display: 'block' }}>
                {e}
              </Typography.Text>
            ))}
            <Button icon={<PlusOutlined />} disabled={fields.length >= MAX_RULES || !writable} onClick={() => add({ window: 'after_start', minutes: null, session: 'forfeit', feeFen: 0, countsTowardBan: true })} style={{ margin: '8px 0 16px' }}>
              {t('classes.policy.add')}
            </Button>
          </>
        )}
      </Form.List>
      <Space size={24} wrap>
        <Form.Item name="graceLateCancelsPerMonth" label={t('classes.policy.grace')} extra={t('classes.policy.graceHint')} style={{ maxWidth: 300 }}>
          <InputNumber min={0} max={31} precision={0} aria-label={t('classes.policy.grace')} />
        </Form.Item>
        <Form.Item name="banAfterCount" label={t('classes.policy.banAfter')} extra={t('classes.policy.banAfterHint')} style={{ maxWidth: 300 }}>
          <InputNumber min={0} max={100} precision={0} aria-label={t('classes.policy.banAfter')} />
        </Form.Item>
        <Form.Item name="banDays" label={t('classes.policy.banDays')} extra={t('classes.policy.banDaysHint')} style={{ maxWidth: 300 }}>
          <InputNumber min={1} max={365} precision={0} aria-label={t('classes.policy.banDays')} />
        </Form.Item>
      </Space>
      <div>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="policy-save">
          {t('classes.policy.save')}
        </Button>
        <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
          {t('classes.policy.keys')}
        </Typography.Text>
      </div>
    </Form>
  );
}
