// The UI language, shared by the console and the member portal: zh-CN by default, English on
// request. The choice is remembered on this device, sent as Accept-Language on every API call and
// applied to dayjs; each app brings its own message dictionaries (see makeTranslator).
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { type ReactNode, createContext, useCallback, useContext, useMemo, useState } from 'react';
import { type Locale, apiSession } from '../api/client';

export type { Locale };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'tessera.locale';

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en';
}

function storedLocale(): Locale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(v)) return v;
  } catch {
    // Storage can be disabled (privacy mode); the default still works.
  }
  return 'zh-CN';
}

function apply(locale: Locale): void {
  apiSession.setLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

interface LocaleState {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const LocaleContext = createContext<LocaleState | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => {
    const l = storedLocale();
    apply(l);
    return l;
  });
  const setLocale = useCallback((next: Locale) => {
    apply(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the session still switches
    }
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const v = useContext(LocaleContext);
  if (!v) throw new Error('useLocale outside LocaleProvider');
  return v;
}

/** Replace `{name}` placeholders. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/** A `useT()` hook over one app's dictionaries; every locale must have every key (checked by tsc). */
export function makeTranslator<K extends string>(dictionaries: Record<Locale, Record<K, string>>) {
  return function useT(): Translate<K> {
    const { locale } = useLocale();
    return useCallback((key: K, params?: Record<string, string | number>) => interpolate(dictionaries[locale][key] ?? key, params), [locale]);
  };
}
