// Staff a follow-up can be given to (interactions, leads): the caller first, then the active
// staff of their stores. Without member.read the caller alone.
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useSession } from '../session';
import type { Owner } from './types';

export function useOwners(): Owner[] {
  const { me, can } = useSession();
  const self = { id: me.staff.id, name: me.staff.name };
  const [owners, setOwners] = useState<Owner[]>([self]);
  const readable = can('member.read');
  useEffect(() => {
    if (!readable) return;
    let live = true;
    call(api.GET('/api/v1/follow-up-owners'))
      .then((r) => live && r.items.length > 0 && setOwners(r.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [readable]);
  return owners;
}

/** Owner choices including a current owner the list does not hold (moved store, disabled). */
export function ownerOptions(owners: Owner[], current?: { id: string | null; name: string | null }) {
  const out = owners.map((o) => ({ value: o.id, label: o.name }));
  if (current?.id && !owners.some((o) => o.id === current.id)) out.push({ value: current.id, label: current.name ?? current.id });
  return out;
}
