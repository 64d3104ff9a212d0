// The one way a dialog sends a POST that moves money, assets or seats: one Idempotency-Key per
// attempt (the same body keeps its key until it succeeds, so OK pressed twice or a retry after a
// lost answer acts once; a changed body is a new attempt), a `saving` flag for the OK button, and
// the server's refusal shown on the form's fields (or as a message). Resolves to the answer, or
// `undefined` when the server refused (already shown).
import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { useAttemptKey } from '../cashier/idempotency';
import { useApiError } from '../errors';

export type IdempotencyHeaders = { 'Idempotency-Key': string };

export function useAssetSubmit() {
  const { keyFor, reset } = useAttemptKey();
  const showError = useApiError();
  const [saving, setSaving] = useState(false);
  const submit = useCallback(
    async <B, R>(body: B, send: (headers: IdempotencyHeaders) => Promise<R>, form?: FormInstance, keyBody: unknown = body): Promise<R | undefined> => {
      setSaving(true);
      try {
        return await send({ 'Idempotency-Key': keyFor(keyBody) });
      } catch (err) {
        showError(err, form);
        return undefined;
      } finally {
        setSaving(false);
      }
    },
    [keyFor, showError],
  );
  return { saving, submit, reset };
}
