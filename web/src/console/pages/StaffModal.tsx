// Create or edit a staff account: identity, roles and data scope. Roles that carry permissions the
// editor does not hold, and "all stores" for an editor without it, are offered disabled: the
// server refuses such grants anyway, and this says why before anyone tries.
import { Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { Region, Role, ScopeType, Staff } from '../../api/types';
import { EnterSubmits } from '../components/EnterSubmits';
import { ScopeFields, type StoreOption } from '../components/org-options';
import { useApiError } from '../errors';
import { roleName } from '../format';
import { useT } from '../i18n';
import { hasPermission, useSession } from '../session';

interface Values {
  login: string;
  name: string;
  mobile?: string;
  email?: string;
  roleIds: string[];
  scopeType: ScopeType;
  scopeRegionId?: string | null;
  storeIds: string[];
}

function blankToNull(v: string | undefined | null): string | null {
  const s = v?.trim();
  return s ? s : null;
}

export function StaffModal(props: {
  staff: Staff | null;
  roles: Role[];
  stores: StoreOption[];
  regions: Region[];
  onClose(): void;
  onSaved(staff: Staff, temporaryPassword: string | null): void;
}) {
  const t = useT();
  const { me, currentStore } = useSession();
  const showError = useApiError();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const s = props.staff;

  const grantable = (r: Role) => r.permissions.every((p) => hasPermission(me, p));

  async function save(v: Values) {
    setSaving(true);
    try {
      const scope = {
        scopeType: v.scopeType,
        scopeRegionId: v.scopeType === 'region' ? (v.scopeRegionId ?? null) : null,
        storeIds: v.storeIds ?? [],
      };
      if (s) {
        const saved = await call(
          api.PATCH('/api/v1/staff/{staffId}', {
            params: { path: { staffId: s.id } },
            body: { name: v.name.trim(), mobile: blankToNull(v.mobile), email: blankToNull(v.email), roleIds: v.roleIds, ...scope },
          }),
        );
        props.onSaved(saved, null);
      } else {
        const mobile = blankToNull(v.mobile);
        const email = blankToNull(v.email);
        const created = await call(
          api.POST('/api/v1/staff', {
            body: { login: v.login.trim(), name: v.name.trim(), roleIds: v.roleIds, ...scope, ...(mobile ? { mobile } : {}), ...(email ? { email } : {}) },
          }),
        );
        props.onSaved(created.staff, created.temporaryPassword);
      }
    } catch (err) {
      showError(err, form);
    } finally {
      setSaving(false);
    }
  }

  const initial: Partial<Values> = s
    ? {
        login: s.login,
        name: s.name,
        mobile: s.mobile ?? '',
        email: s.email ?? '',
        roleIds: s.roles.map((r) => r.id),
        scopeType: s.scopeType,
        scopeRegionId: s.scopeRegionId,
        storeIds: s.storeIds,
      }
    : { scopeType: 'stores', roleIds: [], storeIds: currentStore ? [currentStore.id] : [] };

  return (
    <Modal
      open
      title={s ? t('staff.edit', { name: s.name }) : t('staff.new')}
      okText={s ? t('common.save') : t('staff.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
      width={600}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            {s ? (
              <Form.Item label={t('staff.login')}>
                <Typography.Text code>{s.login}</Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item
                name="login"
                label={t('staff.login')}
                extra={t('staff.login.hint')}
                rules={[
                  { required: true, whitespace: true, message: t('form.required') },
                  { pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]{1,39}$/, message: t('staff.login.invalid') },
                ]}
              >
                <Input autoFocus autoCapitalize="off" spellCheck={false} maxLength={40} autoComplete="off" />
              </Form.Item>
            )}
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('staff.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 50 }]}>
              <Input autoFocus={!!s} maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mobile" label={t('staff.mobile')}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('staff.email')} rules={[{ type: 'email', message: t('staff.email.invalid') }]}>
              <Input maxLength={254} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="roleIds" label={t('staff.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('staff.roles.required') }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('staff.roles.pick')}
            options={props.roles.map((r) => ({ value: r.id, label: roleName(t, r), disabled: !grantable(r) && !(s?.roles.some((x) => x.id === r.id) ?? false) }))}
          />
        </Form.Item>
        <ScopeFields stores={props.stores} regions={props.regions} storesAlways storesLabel="staff.stores" allowAll={me.staff.scopeType === 'all'} />
        <EnterSubmits />
      </Form>
    </Modal>
  );
}
