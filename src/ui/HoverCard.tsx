import { useLab } from '../state/store';
import type { RunInfo } from '../worker/protocol';
import { CELL_STATE } from '../worker/protocol';
import { formatWeight } from './format';

const STATE_NAMES: Record<number, string> = {
  [CELL_STATE.pruned]: 'pruned',
  [CELL_STATE.alive]: 'alive',
  [CELL_STATE.justCut]: 'just cut',
  [CELL_STATE.justSpliced]: 'just spliced back',
};

/** Where a fan-in position comes from: a pixel of the input image, a kernel tap, or a unit. */
export function describeInput(info: RunInfo, layer: number, input: number): string {
  const l = info.layers[layer];
  if (!l) return `input ${input}`;
  if (l.kind === 'conv2d') {
    const k = l.shape[0] ?? 1;
    const c = l.shape[2] ?? 1;
    const tap = Math.floor(input / c);
    return `kernel (${Math.floor(tap / k)}, ${tap % k})${c > 1 ? `, channel ${input % c}` : ''}`;
  }
  if (layer === 0 && info.fieldShape) {
    const w = info.fieldShape[1];
    return `pixel (row ${Math.floor(input / w)}, col ${input % w})`;
  }
  return layer === 0
    ? `input ${input}`
    : `${info.layers[layer - 1]?.name ?? 'previous'} unit ${input}`;
}

/** Details of the connection under the pointer: weight, state, and its lifetime cuts and splices. */
export function HoverCard() {
  const hover = useLab((s) => s.hover);
  const snapshot = useLab((s) => s.snapshot);
  const conn = useLab((s) => s.connection);
  const info = useLab((s) => s.run.info);
  if (!hover || !info) return null;
  const layer = info.layers[hover.layer];
  const l = snapshot?.layers[hover.layer];
  const live = conn && conn.layer === hover.layer && conn.index === hover.index ? conn : null;
  const w = live?.weight ?? l?.weights?.[hover.index];
  const state = l?.state?.[hover.index];
  const th = l?.thresholds;
  const left = Math.min(hover.x + 16, window.innerWidth - 320);
  const top = Math.min(hover.y + 16, window.innerHeight - 150);
  return (
    <div className="hovercard" style={{ left, top }} role="tooltip" data-testid="hovercard">
      <div className="hc-title">
        {layer?.name}: {describeInput(info, hover.layer, hover.input)} → unit {hover.unit}
      </div>
      <div>
        w = <b>{w === undefined ? '–' : formatWeight(w)}</b>
        {th && (
          <span className="muted">
            {' '}
            (cut at |w| ≤ {formatWeight(th.a)}, splice at |w| &gt; {formatWeight(th.b)})
          </span>
        )}
      </div>
      <div>
        state: <b>{state === undefined ? '–' : STATE_NAMES[state]}</b>
        {live &&
          live.alive !== (state === CELL_STATE.alive || state === CELL_STATE.justSpliced) && (
            <span className="muted"> (now {live.alive ? 'alive' : 'pruned'})</span>
          )}
      </div>
      <div>
        history:{' '}
        {live ? (
          <>
            cut <b className="cut">{live.cuts}×</b>, spliced back{' '}
            <b className="splice">{live.splices}×</b> in this run
          </>
        ) : (
          '…'
        )}
      </div>
    </div>
  );
}
