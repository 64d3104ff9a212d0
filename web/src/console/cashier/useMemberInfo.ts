// What the desk needs to see of the member at the counter: tier (and its discount), stored
// value available and points, each loaded only when the staff member may read it.
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { MemberTier, PointsSummary, StoredValue } from '../../api/retail';
import { useSession } from '../session';

export interface MemberInfo {
  tier: MemberTier | null;
  storedValue: StoredValue | null;
  points: PointsSummary | null;
  loading: boolean;
}

const EMPTY: MemberInfo = { tier: null, storedValue: null, points: null, loading: false };

export function useMemberInfo(memberId: string | null): MemberInfo & { reload(): void } {
  const { can } = useSession();
  const [info, setInfo] = useState<MemberInfo>(EMPTY);
  const [tick, setTick] = useState(0);
  const mayTier = can('tier.read');
  const mayWallet = can('wallet.read');
  const mayPoints = can('points.read');

  useEffect(() => {
    if (!memberId) {
      setInfo(EMPTY);
      return;
    }
    let live = true;
    setInfo((i) => ({ ...i, loading: true }));
    const path = { params: { path: { memberId } } };
    const quietly = <R,>(p: Promise<R>) => p.catch(() => null);
    void Promise.all([
      mayTier ? quietly(call(api.GET('/api/v1/members/{memberId}/tier', path))) : Promise.resolve(null),
      mayWallet ? quietly(call(api.GET('/api/v1/members/{memberId}/stored-value', path))) : Promise.resolve(null),
      mayPoints ? quietly(call(api.GET('/api/v1/members/{memberId}/points', path))) : Promise.resolve(null),
    ]).then(([tier, storedValue, points]) => {
      if (live) setInfo({ tier, storedValue, points, loading: false });
    });
    return () => {
      live = false;
    };
  }, [memberId, mayTier, mayWallet, mayPoints, tick]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { ...info, reload };
}
