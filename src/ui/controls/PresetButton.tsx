import type { ModelId } from '../../core/models/types';
import { PAPER_DATASET, presetModels, resolvePreset } from '../../core/pruning/presets';
import { useLab } from '../../state/store';

/**
 * "The paper's settings": fills in the DNS authors' own c, iter_stop, γ and power for LeNet-300-100
 * and LeNet-5 on MNIST, and the reproduction's epochs. Shown only where the preset applies.
 */
export function PresetButton() {
  const model = useLab((s) => s.config.model.id);
  const source = useLab((s) => s.config.source);
  const change = useLab((s) => s.change);
  const onMnist = source.kind === 'builtin' && source.id === PAPER_DATASET;
  if (!onMnist || !presetModels('paper').includes(model)) return null;
  const p = resolvePreset('paper', model as ModelId, PAPER_DATASET);
  return (
    <div className="preset">
      <button
        type="button"
        data-testid="preset-paper"
        onClick={() =>
          change({
            method: 'dns',
            methodConfig: {
              c: [...p.methodConfig.c],
              iterStop: p.methodConfig.iterStop,
              gamma: p.methodConfig.gamma,
              power: p.methodConfig.power,
            },
            epochs: p.epochs,
          })
        }
      >
        Use the paper’s settings
      </button>
      <span className="field-hint">
        {p.source}. The lab keeps its 5,000-example validation split; the CLI’s{' '}
        <code>--preset paper</code> trains on all 60,000.
      </span>
    </div>
  );
}
