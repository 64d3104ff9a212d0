// What member screens choose from: custom fields, tags and source channels in use, stores.
import { useEffect, useMemo, useState } from 'react';
import { api, call } from '../../api/client';
import { type StoreOption, useOrgOptions } from '../components/org-options';
import type { CustomField, Facets } from './types';

export interface MemberMeta {
  fields: CustomField[];
  activeFields: CustomField[];
  facets: Facets;
  stores: StoreOption[];
  storeName(id: string | null | undefined): string;
  loading: boolean;
  reloadFacets(): void;
}

export function useMemberMeta(): MemberMeta {
  const org = useOrgOptions();
  const [fields, setFields] = useState<CustomField[] | null>(null);
  const [facets, setFacets] = useState<Facets>({ tags: [], sourceChannels: [] });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/member-custom-fields'))
      .then((r) => live && setFields(r.items))
      .catch(() => live && setFields([]));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    call(api.GET('/api/v1/members/facets'))
      .then((r) => live && setFacets(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tick]);

  return useMemo(() => {
    const names = new Map(org.stores.map((s) => [s.id, s.name]));
    const list = fields ?? [];
    return {
      fields: list,
      activeFields: list.filter((f) => f.isActive),
      facets,
      stores: org.stores,
      storeName: (id) => (id ? (names.get(id) ?? '—') : '—'),
      loading: fields === null || org.loading,
      reloadFacets: () => setTick((x) => x + 1),
    };
  }, [fields, facets, org.stores, org.loading]);
}
