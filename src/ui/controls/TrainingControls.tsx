import { useLab } from '../../state/store';
import { NumberField } from './NumberField';
import { useShown } from './useShown';

/** Budget, learning rate (changes the running trainer), batch size, seed and optimizer. */
export function TrainingControls() {
  const config = useLab((s) => s.config);
  const change = useLab((s) => s.change);
  const shown = useShown();
  const defaultLr = config.optimizer === 'adam' ? 1e-3 : 0.01;
  if (!shown('epochs', 'lr', 'batch', 'seed', 'optimizer')) return null;
  return (
    <fieldset className="group">
      <legend>Training</legend>
      {shown('epochs') && (
        <NumberField
          label="Epochs (method budget)"
          value={config.epochs}
          min={0.01}
          onChange={(v) => change({ epochs: v })}
        />
      )}
      {shown('lr') && (
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
      )}
      <div className="two">
        {shown('batch') && (
          <NumberField
            label="Batch size"
            value={config.batchSize}
            min={1}
            max={4096}
            integer
            onChange={(v) => change({ batchSize: v })}
          />
        )}
        {shown('seed') && (
          <NumberField
            label="Seed"
            value={config.seed}
            min={0}
            integer
            onChange={(v) => change({ seed: v })}
          />
        )}
      </div>
      {shown('optimizer') && (
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
      )}
    </fieldset>
  );
}
