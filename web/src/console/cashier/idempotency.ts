// One Idempotency-Key per attempt at one action: the same request body keeps its key until it
// succeeds, so a retry after a timeout or a lost answer can never take the money twice; a
// changed body (another tender, another line) is a new attempt with a new key.
import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from '../../api/client';

export function useAttemptKey(): { keyFor(body: unknown): string; reset(): void } {
  const ref = useRef<{ body: string; key: string } | null>(null);
  const keyFor = useCallback((body: unknown) => {
    const json = JSON.stringify(body);
    if (!ref.current || ref.current.body !== json) ref.current = { body: json, key: newIdempotencyKey() };
    return ref.current.key;
  }, []);
  const reset = useCallback(() => {
    ref.current = null;
  }, []);
  return { keyFor, reset };
}
