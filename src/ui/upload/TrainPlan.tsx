import type { Dataset } from '../../core/data/types';
import { suggestModel } from '../../core/data/upload/suggest';
import type { CsvReport, ImageReport } from '../../core/data/upload/types';
import { modelLabel } from '../../core/models/zoo';
import { useLab } from '../../state/store';
import { uploadRunSettings } from '../../state/uploadSettings';
import { formatInt } from '../format';

const epochs = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

/** The seeded split, the suggested model and how a run on this data will start. */
export function TrainPlan(props: { dataset: Dataset; report: CsvReport | ImageReport }) {
  const method = useLab((s) => s.config.method);
  const backend = useLab((s) => s.backendReport?.backend ?? null);
  const { split } = props.report;
  const d = props.dataset;
  // Suggested for the backend running now (it may have changed since the parse).
  const plan = uploadRunSettings(d, backend);
  const stepsPerEpoch = Math.ceil(d.train.count / plan.batchSize);
  const reason = suggestModel(d.inputShape, d.numClasses, backend ?? undefined).reason;
  const seed = useLab((s) => s.draft?.choices.seed ?? 1);
  return (
    <>
      <h3>Split</h3>
      <p className="upload-split" data-testid="upload-split">
        Train {formatInt(split.train)} · validation {formatInt(split.validation)} · test{' '}
        {formatInt(split.test)}
        <span className="field-hint"> — stratified by class, seed {seed}</span>
      </p>
      <h3>Model</h3>
      <p data-testid="upload-model">
        <strong>{modelLabel(plan.model)}</strong> <span className="field-hint">({reason})</span>
      </p>
      <p className="field-hint" data-testid="upload-plan">
        No dense checkpoint ships for your data, so a run starts with a short dense pre-train (
        {epochs(plan.pretrainEpochs)}, about {formatInt(plan.pretrainEpochs * stepsPerEpoch)} steps
        of {plan.batchSize} examples), then {method.toUpperCase()} for {epochs(plan.epochs)}. You
        can change all of it in the settings.
      </p>
    </>
  );
}
