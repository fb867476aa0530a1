import type { SnapshotMsg } from '../worker/protocol';
import type { RunView } from './types';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const thr = (v: number): string => (Math.abs(v) >= 0.01 ? v.toFixed(3) : v.toPrecision(2));

/**
 * Step mode's account of the step just taken: one line per layer with its cuts and splices (and
 * the thresholds where the method has them), then the method's own line. Null unless the latest
 * metrics cover exactly one step (after Step, or a pause at slow speed).
 */
export function stepLines(
  run: Pick<
    RunView,
    'lastSteps' | 'cutsPerStep' | 'splicesPerStep' | 'methodNote' | 'step' | 'info' | 'phase'
  >,
  snapshot: Pick<SnapshotMsg, 'step' | 'layers'> | null,
): { step: number; layers: string[]; method: string | null } | null {
  if (run.lastSteps !== 1 || run.step === 0 || !run.info) return null;
  const fresh = snapshot && snapshot.step === run.step ? snapshot : null;
  const layers = run.info.layers.map((l, k) => {
    const cut = run.cutsPerStep[k] ?? 0;
    const spliced = run.splicesPerStep[k] ?? 0;
    const t = fresh?.layers[k]?.thresholds;
    const bounds = t ? ` (a = ${thr(t.a)}, b = ${thr(t.b)})` : '';
    return `${l.name}: ${int(cut)} cut, ${int(spliced)} spliced back${bounds}`;
  });
  const method = run.phase === 'pretrain' ? 'dense pre-training: no masks change' : run.methodNote;
  return { step: run.step, layers, method };
}
