// Stores and regions to choose from in forms and filters. Staff who may read the organisation
// get the full lists; others choose among the stores in their own scope.
import { Form, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { Region, ScopeType } from '../../api/types';
import { type MsgKey, type T, useT } from '../i18n';
import { useSession } from '../session';

export interface StoreOption {
  id: string;
  code: string;
  name: string;
  regionId: string | null;
}

export function useOrgOptions(): { stores: StoreOption[]; regions: Region[]; loading: boolean } {
  const { me, can } = useSession();
  const readable = can('org.read');
  const [state, setState] = useState<{ stores: StoreOption[]; regions: Region[]; loading: boolean }>({
    stores: readable ? [] : me.stores,
    regions: [],
    loading: readable,
  });
  useEffect(() => {
    if (!readable) {
      setState({ stores: me.stores, regions: [], loading: false });
      return;
    }
    let live = true;
    Promise.all([call(api.GET('/api/v1/stores', { params: { query: {} } })), call(api.GET('/api/v1/regions'))])
      .then(([s, r]) => {
        if (live) setState({ stores: s.items, regions: r.items.filter((x) => x.isActive), loading: false });
      })
      .catch(() => {
        // Fall back to the stores the session already knows.
        if (live) setState({ stores: me.stores, regions: [], loading: false });
      });
    return () => {
      live = false;
    };
  }, [readable, me.stores]);
  return state;
}

export function storeOptions(t: T, stores: StoreOption[]) {
  return stores.map((s) => ({ value: s.id, label: t('common.nameCode', { name: s.name, code: s.code }) }));
}

const SCOPE_LABEL: Record<ScopeType, MsgKey> = { all: 'scope.all', region: 'scope.region', stores: 'scope.stores' };

export function scopeLabel(t: T, scope: ScopeType): string {
  return t(SCOPE_LABEL[scope]);
}

/**
 * Data-scope fields: all stores, one region, or named stores. For staff the store list is also
 * the stores they belong to, so it is always shown; for API keys only with "named stores".
 */
export function ScopeFields(props: { stores: StoreOption[]; regions: Region[]; storesAlways: boolean; storesLabel: MsgKey; allowAll: boolean }) {
  const t = useT();
  const scopeType = Form.useWatch<ScopeType | undefined>('scopeType');
  const showStores = props.storesAlways || scopeType === 'stores';
  return (
    <>
      <Form.Item name="scopeType" label={t('scope.label')} rules={[{ required: true, message: t('form.required') }]} extra={scopeType ? t(`scope.${scopeType}.hint` as MsgKey) : undefined}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'all', label: t('scope.all'), disabled: !props.allowAll },
            { value: 'region', label: t('scope.region'), disabled: props.regions.length === 0 },
            { value: 'stores', label: t('scope.stores') },
          ]}
        />
      </Form.Item>
      {scopeType === 'region' && (
        <Form.Item name="scopeRegionId" label={t('scope.regionPick')} rules={[{ required: true, message: t('form.required') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={props.regions.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
      )}
      {showStores && (
        <Form.Item
          name="storeIds"
          label={t(props.storesLabel)}
          rules={scopeType === 'stores' ? [{ required: true, type: 'array', min: 1, message: t('scope.storesRequired') }] : []}
        >
          <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} options={storeOptions(t, props.stores)} placeholder={t('scope.storesPick')} />
        </Form.Item>
      )}
    </>
  );
}
