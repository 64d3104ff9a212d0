import type { ReactNode } from 'react';
import { KBD_STYLE } from './hotkeys';

/** A key cap shown beside the action it triggers. */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd style={KBD_STYLE}>{children}</kbd>;
}
