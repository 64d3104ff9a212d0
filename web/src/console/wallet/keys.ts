// Enter submits a dialog from any field — radio lists and money inputs included — except where
// Enter means something else (a button, a text area, an open drop-down).
import type { KeyboardEvent } from 'react';

export function onEnterSubmit(submit: () => void) {
  return (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    const el = e.target as HTMLElement;
    if (el.tagName === 'BUTTON' || el.tagName === 'TEXTAREA' || el.closest('.ant-select') || el.closest('.ant-picker')) return;
    e.preventDefault();
    submit();
  };
}

/** Put the cursor on the first checked (else first) input inside the element with this test id. */
export function focusIn(testId: string): void {
  window.setTimeout(() => {
    const box = document.querySelector(`[data-testid="${testId}"]`);
    const el = (box?.querySelector('input:checked') ?? box?.querySelector('input')) as HTMLInputElement | null;
    el?.focus();
  }, 0);
}
