import { findCheckpoint } from '../../state/configRules';
import { useLab } from '../../state/store';
import type { LabConfig } from '../../state/types';
import { formatPercent } from '../format';
import { NumberField } from './NumberField';
import { useShown } from './useShown';

/** Where the run starts: the shipped dense checkpoint, a fresh dense pre-train, or random weights. */
export function StartControls() {
  const config = useLab((s) => s.config);
  const checkpoints = useLab((s) => s.checkpoints);
  const change = useLab((s) => s.change);
  const shown = useShown();
  const ckpt = findCheckpoint(checkpoints, config);
  const radio = (value: LabConfig['start'], label: string, disabled = false) =>
    shown('start') && (
      <label className={`radio ${disabled ? 'disabled' : ''}`}>
        <input
          type="radio"
          name="start"
          value={value}
          checked={config.start === value}
          disabled={disabled}
          onChange={() => change({ start: value })}
        />
        {label}
      </label>
    );
  const acc = ckpt?.testAccuracy;
  if (!shown('start', 'pretrain')) return null;
  return (
    <fieldset className="group">
      <legend>Start from</legend>
      {radio(
        'checkpoint',
        ckpt === null
          ? 'Shipped dense checkpoint (none for this model and data)'
          : `Shipped dense checkpoint${typeof acc === 'number' ? ` (${formatPercent(acc)} test accuracy)` : ''}`,
        ckpt === null && config.start !== 'checkpoint',
      )}
      {radio('pretrain', 'Pre-train dense first')}
      {config.start === 'pretrain' && shown('pretrain') && (
        <NumberField
          label="Dense pre-train epochs"
          value={config.pretrainEpochs}
          min={0.01}
          onChange={(v) => change({ pretrainEpochs: v })}
        />
      )}
      {radio('scratch', 'From scratch (random weights)')}
    </fieldset>
  );
}
