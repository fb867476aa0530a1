import { BUILTIN_DATASETS } from '../../core/data/ids';
import type { BuiltinDatasetId } from '../../core/data/ids';
import type { ModelId } from '../../core/models/types';
import { isImageSet, sourceId } from '../../state/configRules';
import { useLab } from '../../state/store';
import type { DatasetSource } from '../../state/types';
import { uploadFitsLenet5, uploadRunSettings } from '../../state/uploadSettings';
import { useShown } from './useShown';

/** Names for the picker (the manifest's titles are longer and carry the source). */
export const DATASET_NAMES: Record<string, string> = {
  mnist: 'MNIST digits (28×28)',
  'fashion-mnist': 'Fashion-MNIST (28×28)',
  iris: 'Iris (4 features)',
  digits: 'Digits 8×8 (64 features)',
  circle: 'Circle (2-D toy)',
  xor: 'XOR (2-D toy)',
  gaussians: 'Three Gaussians (2-D toy)',
  spiral: 'Two spirals (2-D toy)',
};

/** Short model names for the picker (the zoo's titles carry the layer sizes). */
const MODEL_NAMES: Record<ModelId, string> = {
  lenet300: 'LeNet-300-100 (MLP)',
  lenet5: 'LeNet-5 (CNN)',
  mlp: 'MLP, your widths',
};

/** Dataset and model pickers. */
export function DataModelControls() {
  const config = useLab((s) => s.config);
  const uploads = useLab((s) => s.uploads);
  const change = useLab((s) => s.change);
  const shown = useShown();
  const id = sourceId(config);
  const image = config.source.kind === 'builtin' ? isImageSet(id) : uploadFitsLenet5(uploads, id);
  const value = config.source.kind === 'builtin' ? `b:${id}` : `u:${config.source.key}`;
  const pick = (v: string) => {
    // An upload brings its own start: the suggested model after a short dense pre-train.
    const up = v.startsWith('u:') ? uploads.find((u) => u.key === v.slice(2)) : undefined;
    if (up) {
      change(uploadRunSettings(up.dataset, useLab.getState().backendReport?.backend));
      return;
    }
    const source: DatasetSource = {
      kind: 'builtin',
      id: v.slice(2) as BuiltinDatasetId,
    };
    change({ source });
  };
  if (!shown('dataset', 'model', 'hidden')) return null;
  return (
    <fieldset className="group">
      <legend>Data and model</legend>
      {shown('dataset') && (
        <label className="field">
          <span className="field-label">Dataset</span>
          <select data-testid="dataset-select" value={value} onChange={(e) => pick(e.target.value)}>
            {BUILTIN_DATASETS.map((d) => (
              <option key={d} value={`b:${d}`}>
                {DATASET_NAMES[d] ?? d}
              </option>
            ))}
            {uploads.map((u) => (
              <option key={u.key} value={`u:${u.key}`}>
                {u.title} (uploaded)
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('model') && (
        <label className="field">
          <span className="field-label">Model</span>
          <select
            data-testid="model-select"
            value={config.model.id}
            onChange={(e) => {
              const m = e.target.value as ModelId;
              change({ model: m === 'mlp' ? { id: 'mlp', hidden: [16, 16] } : { id: m } });
            }}
          >
            {(Object.keys(MODEL_NAMES) as ModelId[]).map((m) => (
              <option key={m} value={m} disabled={m === 'lenet5' && !image}>
                {MODEL_NAMES[m]}
                {m === 'lenet5' && !image ? ' (image data only)' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {config.model.id === 'mlp' && shown('hidden') && (
        <HiddenField
          hidden={config.model.hidden ?? [16, 16]}
          onChange={(hidden) => change({ model: { id: 'mlp', hidden } })}
        />
      )}
    </fieldset>
  );
}

function HiddenField(props: { hidden: readonly number[]; onChange(h: number[]): void }) {
  const text = props.hidden.join(',');
  return (
    <label className="field">
      <span className="field-label">Hidden layers (widths)</span>
      <input
        type="text"
        defaultValue={text}
        key={text}
        onBlur={(e) => {
          const h = e.target.value.split(',').map((x) => Number(x.trim()));
          if (
            h.length <= 8 &&
            h.every((x) => Number.isInteger(x) && x > 0 && x <= 4096) &&
            e.target.value.trim() !== text
          )
            props.onChange(h);
          else e.target.value = text;
        }}
        onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      />
      <span className="field-hint">e.g. 16,16 (applied when you leave the field)</span>
    </label>
  );
}
