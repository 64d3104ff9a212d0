// The store's open shift (and whether the store needs one to sell), for the cashier screen.
import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { CurrentShift } from '../../api/retail';
import { useSession } from '../session';

export function useCurrentShift(storeId: string | null): { current: CurrentShift | null; reload(): void } {
  const { can } = useSession();
  const may = can('shift.read');
  const [current, setCurrent] = useState<CurrentShift | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!storeId || !may) return;
    let live = true;
    call(api.GET('/api/v1/shifts/current', { params: { query: { storeId } } }))
      .then((r) => live && setCurrent(r))
      .catch(() => live && setCurrent(null));
    return () => {
      live = false;
    };
  }, [storeId, may, tick]);
  return { current, reload: useCallback(() => setTick((x) => x + 1), []) };
}
