import type { MethodId } from '../../core/pruning/types';
import { useLab } from '../../state/store';
import { FIRST_CUT_WARNING } from '../../worker/protocol';
import { formatPercent } from '../format';
import { NumberField } from './NumberField';

/** Readable names of method settings (by key; unknown keys show as they are). */
const PARAM_LABELS: Record<
  string,
  { label: string; hint?: string; integer?: boolean; min?: number }
> = {
  c: {
    label: 'c (crate)',
    hint: 'thr = max(μ + c·σ, 0) of |w|; cut below 0.9·thr, splice above 1.1·thr',
    min: -10,
  },
  gamma: { label: 'γ', hint: 'a layer updates its mask with probability (1 + γ·t)^−power', min: 0 },
  power: { label: 'power', min: 0 },
  iterStop: { label: 'iter_stop', hint: 'masks stop changing at this step', integer: true, min: 0 },
};

/** Method picker and its settings, generated from the method's resolved config. */
export function MethodControls() {
  const methods = useLab((s) => s.methods);
  const method = useLab((s) => s.config.method);
  const overrides = useLab((s) => s.config.methodConfig);
  const info = useLab((s) => s.run.info);
  const firstCut = useLab((s) => s.run.firstCut);
  const change = useLab((s) => s.change);
  const spec = methods.find((m) => m.id === method);
  // The worker's resolved config gives each setting its shape (per-layer settings are arrays);
  // an override given as one number (from the address) fills every layer.
  const base = info?.methodConfig ?? {};
  const resolved = Object.fromEntries(
    Object.entries({ ...base, ...overrides }).map(([k, v]) => {
      const b = base[k];
      return [k, Array.isArray(b) && typeof v === 'number' ? b.map(() => v) : v];
    }),
  );
  const layers = info?.layers ?? [];
  const set = (key: string, v: unknown) => change({ methodConfig: { ...overrides, [key]: v } });
  return (
    <fieldset className="group">
      <legend>Pruning method</legend>
      <label className="field">
        <span className="field-label">Method</span>
        <select
          data-testid="method-select"
          value={method}
          onChange={(e) => change({ method: e.target.value as MethodId })}
        >
          {(methods.length ? methods : [{ id: method, title: method }]).map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </select>
      </label>
      {spec && <p className="field-hint">{spec.summary}</p>}
      {Object.entries(resolved).map(([key, value]) => {
        const meta = PARAM_LABELS[key] ?? { label: key };
        if (typeof value === 'number')
          return (
            <NumberField
              key={key}
              label={meta.label}
              value={value}
              min={meta.min}
              integer={meta.integer}
              hint={meta.hint}
              onChange={(v) => set(key, v)}
            />
          );
        if (
          Array.isArray(value) &&
          value.length === layers.length &&
          value.every((x) => typeof x === 'number')
        )
          return (
            <div key={key} className="per-layer">
              <span className="field-label">{meta.label} per layer</span>
              <div className="per-layer-row">
                {layers.map((l, k) => (
                  <NumberField
                    key={l.name}
                    label={l.name}
                    value={value[k] as number}
                    min={meta.min}
                    integer={meta.integer}
                    testId={`${key}-${k}`}
                    onChange={(v) =>
                      set(
                        key,
                        value.map((x, j) => (j === k ? v : x)),
                      )
                    }
                  />
                ))}
              </div>
              {meta.hint && <span className="field-hint">{meta.hint}</span>}
              {key === 'c' && firstCut && (
                <span className="field-hint prediction" data-testid="first-cut-prediction">
                  First step cuts{' '}
                  {firstCut.map((f, k) => (
                    <b key={k} className={f > FIRST_CUT_WARNING ? 'bad' : ''}>
                      {layers[k]?.name} {formatPercent(f)}
                      {k < firstCut.length - 1 ? ', ' : ''}
                    </b>
                  ))}
                </span>
              )}
            </div>
          );
        return null;
      })}
    </fieldset>
  );
}
