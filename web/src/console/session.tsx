// The signed-in staff member as the console sees it: who they are, what they may do, and which
// store the desk is working in (sent as X-Store-Id, remembered on this device per account).
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, apiSession, call } from '../api/client';
import type { Me, StoreRef } from '../api/types';

export interface Session {
  me: Me;
  /** Whether the signed-in staff member holds a permission (or every permission). */
  can(permission: string | null): boolean;
  currentStore: StoreRef | null;
  setCurrentStore(storeId: string): void;
  /** Replace the cached /auth/me (after PATCH /auth/me, a password change …). */
  update(me: Me): void;
  reload(): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

function storeKey(me: Me): string {
  return `tessera.store.${me.tenant.id}.${me.staff.id}`;
}

function rememberedStore(me: Me): StoreRef | null {
  let id: string | null = null;
  try {
    id = window.localStorage.getItem(storeKey(me));
  } catch {
    id = null;
  }
  // A remembered store that left the staff member's scope falls back to their first store.
  return me.stores.find((s) => s.id === id) ?? me.stores[0] ?? null;
}

export function hasPermission(me: Me, permission: string | null): boolean {
  if (permission === null) return true;
  return me.permissions.includes(permission) || me.permissions.includes('*');
}

export function SessionProvider(props: { me: Me; onChange(me: Me | null): void; onSignedOut(): void; children: ReactNode }) {
  const { me, onChange, onSignedOut } = props;
  // Set synchronously: pages fetch in their own effects, which run before this provider's.
  const [currentStore, setStore] = useState<StoreRef | null>(() => {
    const s = rememberedStore(me);
    apiSession.setStoreId(s?.id ?? null);
    return s;
  });

  useEffect(() => {
    // Stores can change under us (a store deactivated, scope narrowed): re-validate on every me.
    setStore((prev) => {
      const next = prev && me.stores.some((s) => s.id === prev.id) ? prev : rememberedStore(me);
      apiSession.setStoreId(next?.id ?? null);
      return next;
    });
  }, [me]);

  const setCurrentStore = useCallback(
    (storeId: string) => {
      const s = me.stores.find((x) => x.id === storeId);
      if (!s) return;
      try {
        window.localStorage.setItem(storeKey(me), s.id);
      } catch {
        // not remembered; still switched for this session
      }
      apiSession.setStoreId(s.id);
      setStore(s);
    },
    [me],
  );

  const value = useMemo<Session>(
    () => ({
      me,
      can: (p) => hasPermission(me, p),
      currentStore,
      setCurrentStore,
      update: (next) => onChange(next),
      reload: async () => onChange(await call(api.GET('/api/v1/auth/me'))),
      signOut: async () => {
        try {
          await call(api.POST('/api/v1/auth/logout'));
        } finally {
          apiSession.setCsrfToken(null);
          apiSession.setStoreId(null);
          onSignedOut();
        }
      },
    }),
    [me, currentStore, setCurrentStore, onChange, onSignedOut],
  );
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
