import { useLab } from '../../state/store';
import { NumberField } from './NumberField';

/** Budget, learning rate (changes the running trainer), batch size, seed and optimizer. */
export function TrainingControls() {
  const config = useLab((s) => s.config);
  const change = useLab((s) => s.change);
  const defaultLr = config.optimizer === 'adam' ? 1e-3 : 0.01;
  return (
    <fieldset className="group">
      <legend>Training</legend>
      <NumberField
        label="Epochs (method budget)"
        value={config.epochs}
        min={0.01}
        onChange={(v) => change({ epochs: v })}
      />
      <NumberField
        label="Learning rate"
        value={config.lr ?? defaultLr}
        min={1e-6}
        max={10}
        hint={
          config.optimizer === 'sgd'
            ? "Caffe 'inv' decay from this base; applies at once"
            : 'applies at once'
        }
        testId="lr"
        onChange={(v) => change({ lr: v })}
      />
      <div className="two">
        <NumberField
          label="Batch size"
          value={config.batchSize}
          min={1}
          max={4096}
          integer
          onChange={(v) => change({ batchSize: v })}
        />
        <NumberField
          label="Seed"
          value={config.seed}
          min={0}
          integer
          onChange={(v) => change({ seed: v })}
        />
      </div>
      <label className="field">
        <span className="field-label">Optimizer</span>
        <select
          value={config.optimizer}
          onChange={(e) => change({ optimizer: e.target.value as 'sgd' | 'adam', lr: null })}
        >
          <option value="sgd">SGD, momentum 0.9 (Caffe LeNet solver)</option>
          <option value="adam">Adam</option>
        </select>
      </label>
    </fieldset>
  );
}
