import { useLab } from '../state/store';
import { formatCompression, formatInt, formatMs, formatPercent, formatRate } from './format';

/** The run's headline numbers: step, density, compression, cuts and splices. */
export function Stats() {
  const step = useLab((s) => s.run.step);
  const info = useLab((s) => s.run.info);
  const phase = useLab((s) => s.run.phase);
  const density = useLab((s) => s.run.density);
  const cuts = useLab((s) => s.run.cuts);
  const splices = useLab((s) => s.run.splices);
  const msPerStep = useLab((s) => s.run.msPerStep);
  const cutRate = useLab((s) => s.run.cutsPerStep.reduce((a, b) => a + b, 0));
  const spliceRate = useLab((s) => s.run.splicesPerStep.reduce((a, b) => a + b, 0));
  const epoch = useLab((s) => s.run.epoch);
  const total = info ? info.pretrainSteps + info.trainSteps : 0;
  return (
    <dl className="stats">
      <div>
        <dt>Step{phase === 'pretrain' ? ' (pre-training dense)' : ''}</dt>
        <dd>
          <span data-testid="step">{formatInt(step)}</span>
          <small> / {formatInt(total)}</small>
        </dd>
        <dd className="sub">
          epoch {Number.isFinite(epoch) ? epoch.toFixed(2) : '–'} · {formatMs(msPerStep)}/step
        </dd>
      </div>
      <div>
        <dt>Density</dt>
        <dd data-testid="density">{formatPercent(density)}</dd>
        <dd className="sub">of weights kept</dd>
      </div>
      <div>
        <dt>Compression</dt>
        <dd data-testid="compression">{formatCompression(density)}</dd>
        <dd className="sub">fewer weights</dd>
      </div>
      <div>
        <dt>Cuts · splices</dt>
        <dd>
          <span className="cut" data-testid="cuts">
            {formatInt(cuts)}
          </span>
          <small> · </small>
          <span className="splice" data-testid="splices">
            {formatInt(splices)}
          </span>
        </dd>
        <dd className="sub">
          since step 0 · now {formatRate(cutRate)} · {formatRate(spliceRate)} /step
        </dd>
      </div>
    </dl>
  );
}
