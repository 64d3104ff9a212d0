// Keyboard shortcuts of the cashier screens. Function keys are taken before the browser sees
// them (F3 would open find, F7 caret browsing); plain keys are left to the field that has focus.
import { useEffect, useRef } from 'react';

export type HotkeyMap = Partial<Record<string, (e: KeyboardEvent) => void>>;

/** Listen on window while `enabled`; handlers are read fresh on every key press. */
export function useHotkeys(map: HotkeyMap, enabled = true): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const combo = `${e.ctrlKey ? 'Ctrl+' : ''}${e.altKey ? 'Alt+' : ''}${e.key}`;
      const handler = ref.current[combo];
      if (!handler) return;
      e.preventDefault();
      e.stopPropagation();
      handler(e);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [enabled]);
}

/** A key cap as shown on screen: <Kbd>F4</Kbd>. */
export const KBD_STYLE = {
  display: 'inline-block',
  minWidth: 22,
  padding: '0 5px',
  borderRadius: 4,
  border: '1px solid #d9d9d9',
  borderBottomWidth: 2,
  background: '#fafafa',
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  lineHeight: '18px',
  textAlign: 'center' as const,
  color: '#434343',
};
