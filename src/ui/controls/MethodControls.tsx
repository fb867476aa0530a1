import type { MethodId } from '../../core/pruning/types';
import { useLab } from '../../state/store';
import { FIRST_CUT_WARNING } from '../../worker/protocol';
import { formatPercent } from '../format';
import { MethodFacts } from './MethodFacts';
import { PresetButton } from './PresetButton';
import { SettingField } from './SettingField';
import { useShown } from './useShown';

/** Method picker, what the method declares, its notes per layer, and its settings form. */
export function MethodControls() {
  const methods = useLab((s) => s.methods);
  const method = useLab((s) => s.config.method);
  const overrides = useLab((s) => s.config.methodConfig);
  const built = useLab((s) => s.applied?.method === s.config.method);
  const pending = useLab((s) => s.pending);
  const failed = useLab((s) => s.run.status === 'error');
  const resolved = useLab((s) => s.run.methodConfig);
  const info = useLab((s) => s.run.info);
  const firstCut = useLab((s) => s.run.firstCut);
  const change = useLab((s) => s.change);
  const shown = useShown();
  const spec = methods.find((m) => m.id === method);
  // The worker's resolved config gives each setting its value and shape (per-layer settings are
  // arrays); an override given as one number (from the address) fills every layer.
  const base = built ? (resolved?.values ?? null) : null;
  const value = (key: string): unknown => {
    const v = overrides[key] ?? base?.[key];
    const b = base?.[key];
    return Array.isArray(b) && typeof v === 'number' ? b.map(() => v) : v;
  };
  const layers = info?.layers ?? [];
  const names = resolved?.layers ?? [];
  const notes = built ? layers.filter((l) => l.note) : [];
  const set = (key: string, v: unknown) => change({ methodConfig: { ...overrides, [key]: v } });
  if (!shown('method', 'settings')) return null;
  return (
    <fieldset className="group">
      <legend>Pruning method</legend>
      {shown('method') && (
        <>
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
          {spec && (
            <p className="field-hint" data-testid="method-summary">
              {spec.summary}
            </p>
          )}
          {spec && <MethodFacts method={spec} />}
          <PresetButton />
        </>
      )}
      {notes.length > 0 && (
        <ul className="layer-notes" data-testid="layer-notes">
          {notes.map((l) => (
            <li key={l.name}>
              <b>{l.name}</b>: {l.note}
            </li>
          ))}
        </ul>
      )}
      {spec && !base && shown('settings') && (
        <p className="field-hint">
          {pending
            ? 'Its settings appear once the run is rebuilt (Reset).'
            : failed
              ? 'Its settings could not be read (see the message above).'
              : 'Reading its settings…'}
        </p>
      )}
      {spec &&
        base &&
        shown('settings') &&
        spec.settings.map((s) => (
          <div key={s.key} className="setting">
            <SettingField
              setting={s}
              value={value(s.key)}
              layers={names}
              onChange={(v) => set(s.key, v)}
            />
            {s.key === 'c' && firstCut && (
              <span className="field-hint prediction" data-testid="first-cut-prediction">
                First step cuts{' '}
                {firstCut.map((f, k) => (
                  <b key={k} className={f > FIRST_CUT_WARNING ? 'bad' : ''}>
                    {names[k]} {formatPercent(f)}
                    {k < firstCut.length - 1 ? ', ' : ''}
                  </b>
                ))}
              </span>
            )}
          </div>
        ))}
    </fieldset>
  );
}
