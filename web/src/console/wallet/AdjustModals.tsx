// Changes by hand, always with a reason and each behind its own permission: stored value
// (principal and/or bonus, signed), points (grant or deduct), and freezing part of the
// principal (or releasing it). Each POST carries one Idempotency-Key per attempt.
import { App, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { api, call } from '../../api/client';
import type { PointsSummary, StoredValue } from '../../api/retail';
import { MoneyInput } from '../cashier/MoneyInput';
import { yuan } from '../cashier/money';
import { EnterSubmits } from '../components/EnterSubmits';
import { useAssetSubmit } from '../components/useAssetSubmit';
import { useT } from '../i18n';
import type { Member } from '../members/types';

interface Props {
  open: boolean;
  member: Member;
  onClose(): void;
  onDone(): void;
}

const reasonRules = (t: ReturnType<typeof useT>, key: 'adjust.reason.required' = 'adjust.reason.required') => [{ required: true, whitespace: true, message: t(key) }];

export function StoredValueAdjustModal(props: Props & { sv: StoredValue | null }) {
  const t = useT();
  const [form] = Form.useForm<{ principal: number | null; bonus: number | null; reason: string }>();
  const { message } = App.useApp();
  const s = useAssetSubmit();
  useEffect(() => {
    if (props.open) s.reset();
  }, [props.open]);

  async function submit(v: { principal: number | null; bonus: number | null; reason: string }) {
    const body = { principal: v.principal ?? 0, bonus: v.bonus ?? 0, reason: v.reason.trim() };
    const r = await s.submit(body, (headers) => call(api.POST('/api/v1/members/{memberId}/stored-value/adjustments', { params: { path: { memberId: props.member.id } }, body, headers })), form);
    if (!r) return;
    message.success(t('adjust.done', { available: yuan(r.balances.available) }));
    props.onDone();
  }

  const nothing = (_: unknown) => {
    const { principal, bonus } = form.getFieldsValue();
    return principal || bonus ? Promise.resolve() : Promise.reject(new Error(t('adjust.nothing')));
  };
  return (
    <Modal open={props.open} title={t('adjust.title', { name: props.member.name })} onOk={() => form.submit()} onCancel={props.onClose} okText={t('common.save')} okButtonProps={{ loading: s.saving }} destroyOnHidden width={460}>
      {props.sv && (
        <Typography.Paragraph type="secondary">{t('adjust.current', { principal: yuan(props.sv.principal), bonus: yuan(props.sv.bonus) })}</Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="sv-adjust-form">
        <Form.Item name="principal" label={t('adjust.principal')} extra={t('adjust.hint')} rules={[{ validator: nothing }]} dependencies={['bonus']}>
          <MoneyInput autoFocus allowNegative />
        </Form.Item>
        <Form.Item name="bonus" label={t('adjust.bonus')}>
          <MoneyInput allowNegative />
        </Form.Item>
        <Form.Item name="reason" label={t('adjust.reason')} rules={reasonRules(t)}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

export function PointsAdjustModal(props: Props & { points: PointsSummary | null }) {
  const t = useT();
  const [form] = Form.useForm<{ direction: 'grant' | 'deduct'; points: number | null; reason: string }>();
  const { message } = App.useApp();
  const s = useAssetSubmit();
  const held = props.points?.available ?? 0;
  useEffect(() => {
    if (props.open) s.reset();
  }, [props.open]);

  async function submit(v: { direction: 'grant' | 'deduct'; points: number | null; reason: string }) {
    const body = { points: (v.direction === 'deduct' ? -1 : 1) * (v.points ?? 0), reason: v.reason.trim() };
    const r = await s.submit(body, (headers) => call(api.POST('/api/v1/members/{memberId}/points/adjustments', { params: { path: { memberId: props.member.id } }, body, headers })), form);
    if (!r) return;
    message.success(t('points.done', { available: r.available.toLocaleString() }));
    props.onDone();
  }

  return (
    <Modal open={props.open} title={t('points.title', { name: props.member.name })} onOk={() => form.submit()} onCancel={props.onClose} okText={t('common.save')} okButtonProps={{ loading: s.saving }} destroyOnHidden width={460}>
      <Typography.Paragraph type="secondary">{t('points.held', { held: held.toLocaleString() })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ direction: 'grant' }} onFinish={(v) => void submit(v)} data-testid="points-adjust-form">
        <Form.Item name="direction" label={t('points.direction')}>
          <Radio.Group optionType="button" options={[{ value: 'grant', label: t('points.grant') }, { value: 'deduct', label: t('points.deduct') }]} />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('points.amount')}
          dependencies={['direction']}
          rules={[
            { required: true, message: t('points.amount.required') },
            {
              validator: (_, v: number | null) => {
                if (v === null || v === undefined) return Promise.resolve();
                if (!Number.isInteger(v) || v <= 0) return Promise.reject(new Error(t('points.amount.required')));
                if (form.getFieldValue('direction') === 'deduct' && v > held) return Promise.reject(new Error(t('points.amount.overHeld', { held: held.toLocaleString() })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <InputNumber autoFocus min={1} precision={0} style={{ width: 200 }} aria-label={t('points.amount')} />
        </Form.Item>
        <Form.Item name="reason" label={t('adjust.reason')} rules={reasonRules(t)}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}

export function FreezeModal(props: Props & { sv: StoredValue | null }) {
  const t = useT();
  const [form] = Form.useForm<{ mode: 'freeze' | 'unfreeze'; amount: number | null; reason: string }>();
  const { message } = App.useApp();
  const s = useAssetSubmit();
  const principal = props.sv?.principal ?? 0;
  const frozen = props.sv?.frozen ?? 0;
  useEffect(() => {
    if (props.open) s.reset();
  }, [props.open]);

  async function submit(v: { mode: 'freeze' | 'unfreeze'; amount: number | null; reason: string }) {
    if (!v.amount) return;
    const body = { amount: v.amount, reason: v.reason.trim() };
    const path = v.mode === 'freeze' ? '/api/v1/members/{memberId}/stored-value/freeze' : '/api/v1/members/{memberId}/stored-value/unfreeze';
    // The key covers the direction too: freezing and releasing the same amount are two attempts.
    const r = await s.submit(body, (headers) => call(api.POST(path, { params: { path: { memberId: props.member.id } }, body, headers })), form, { mode: v.mode, ...body });
    if (!r) return;
    message.success(t(v.mode === 'freeze' ? 'freeze.done.freeze' : 'freeze.done.unfreeze', { amount: yuan(v.amount!) }));
    props.onDone();
  }

  return (
    <Modal open={props.open} title={t('freeze.title', { name: props.member.name })} onOk={() => form.submit()} onCancel={props.onClose} okText={t('common.save')} okButtonProps={{ loading: s.saving }} destroyOnHidden width={460}>
      <Typography.Paragraph type="secondary">{t('freeze.current', { principal: yuan(principal), frozen: yuan(frozen) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ mode: frozen > 0 && principal === 0 ? 'unfreeze' : 'freeze' }} onFinish={(v) => void submit(v)} data-testid="freeze-form">
        <Form.Item name="mode" label={t('freeze.mode')}>
          <Radio.Group optionType="button" options={[{ value: 'freeze', label: t('freeze.freeze') }, { value: 'unfreeze', label: t('freeze.unfreeze') }]} />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('freeze.amount')}
          dependencies={['mode']}
          rules={[
            { required: true, message: t('form.required') },
            {
              validator: (_, v: number | null) => {
                if (v === null || v === undefined) return Promise.resolve();
                if (v <= 0) return Promise.reject(new Error(t('money.positive')));
                const mode = form.getFieldValue('mode');
                if (mode === 'freeze' && v > principal) return Promise.reject(new Error(t('freeze.overPrincipal', { max: yuan(principal) })));
                if (mode === 'unfreeze' && v > frozen) return Promise.reject(new Error(t('freeze.overFrozen', { max: yuan(frozen) })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <MoneyInput autoFocus style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('adjust.reason')} rules={reasonRules(t)}>
          <Input maxLength={200} />
        </Form.Item>
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
