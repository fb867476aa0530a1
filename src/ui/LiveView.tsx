import type { ReactNode } from 'react';
import type { ViewId } from '../state/link/schema';
import { useLab } from '../state/store';

/** One view of the live tab, shown unless the opening link or lesson lists others (`views=`). */
export function LiveView(props: { id: ViewId; children: ReactNode }) {
  const shown = useLab((s) => s.views === null || s.views.includes(props.id));
  return shown ? <>{props.children}</> : null;
}
