// How the console shows a failed API call: the server's localised message in a toast, field
// details placed on the form fields they name, and for 5xx a notice that stays until closed with
// the request id to quote to the administrator. A 401 is not shown: the app returns to sign-in.
import { App, type FormInstance, Typography } from 'antd';
import { useCallback } from 'react';
import { ApiError, type FieldIssue, NetworkError } from '../api/client';
import { useT } from './i18n';

/** "storeIds.0" → ['storeIds', 0]: antd's name path for a server field path. */
export function toNamePath(path: string): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Put field issues on the form; returns the ones no field on the form could show. */
export function applyFieldIssues(form: FormInstance, issues: FieldIssue[]): FieldIssue[] {
  const unmapped: FieldIssue[] = [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    const full = toNamePath(issue.path);
    // "storeIds.0" is shown on the storeIds field when the item itself is not a field.
    const candidates = [full, full.slice(0, 1)];
    const name = candidates.find((n) => n.length > 0 && form.getFieldInstance(n) !== undefined);
    if (!name) {
      unmapped.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmapped;
}

export type ShowError = (err: unknown, form?: FormInstance) => void;

export function useApiError(): ShowError {
  const { message, notification } = App.useApp();
  const t = useT();
  return useCallback<ShowError>(
    (err, form) => {
      if (err instanceof ApiError) {
        if (err.status === 401 && err.code === 'UNAUTHENTICATED') return;
        const unmapped = form ? applyFieldIssues(form, err.fieldIssues) : err.fieldIssues;
        if (err.status >= 500) {
          notification.error({
            key: err.requestId ?? undefined,
            title: err.message,
            description: (
              <span>
                {t('error.requestId')}: <Typography.Text code copyable>{err.requestId ?? '—'}</Typography.Text>
              </span>
            ),
            duration: 0,
          });
          return;
        }
        const extra = unmapped.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join(';');
        message.error({ content: extra ? `${err.message}(${extra})` : err.message, key: err.code, duration: 5 });
        return;
      }
      if (err instanceof NetworkError) {
        message.error({ content: t('error.network'), key: 'network', duration: 5 });
        return;
      }
      console.error(err);
      message.error(t('error.unexpected'));
    },
    [message, notification, t],
  );
}
