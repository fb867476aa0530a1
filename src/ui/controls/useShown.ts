import type { ControlId } from '../../state/link/schema';
import { useLab } from '../../state/store';

/** Whether each control is shown: a link or lesson may hide some (`hide=method,lr`). */
export function useShown(): (...ids: ControlId[]) => boolean {
  const hidden = useLab((s) => s.hiddenControls);
  // True when any of the ids is shown (a group stays while one of its fields does).
  return (...ids) => ids.some((id) => !hidden.includes(id));
}
