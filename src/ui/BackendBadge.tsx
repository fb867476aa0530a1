import { useLab } from '../state/store';
import { useShown } from './controls/useShown';
import type { BackendRequest } from '../worker/protocol';
import { BACKEND_ORDER } from '../worker/protocol';

const TITLES: Record<BackendRequest, string> = {
  auto: 'Auto (fastest correct)',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/** The backend in use, why, and the user's override. */
export function BackendBadge() {
  const report = useLab((s) => s.backendReport);
  const request = useLab((s) => s.backend);
  const checking = useLab((s) => s.progress.backend);
  const chooseBackend = useLab((s) => s.chooseBackend);
  const shown = useShown();
  const unavailable = new Set(report?.unavailable ?? []);
  return (
    <div className="backend">
      <div className="backend-line">
        <span className="label">Backend</span>
        {/* The reason line is hidden on narrow top bars: hovering the name still says why. */}
        <strong data-testid="backend" className="backend-name" title={report?.reason}>
          {report ? report.backend : '…'}
        </strong>
        {shown('backend') && (
          <select
            data-testid="backend-select"
            aria-label="Choose the backend"
            value={request}
            onChange={(e) => chooseBackend(e.target.value as BackendRequest)}
          >
            {(['auto', ...BACKEND_ORDER] as const).map((b) => (
              <option key={b} value={b} disabled={b !== 'auto' && unavailable.has(b)}>
                {TITLES[b]}
                {b !== 'auto' && unavailable.has(b) ? ' (not available here)' : ''}
              </option>
            ))}
          </select>
        )}
      </div>
      <p className="backend-reason" data-testid="backend-reason" title={report?.reason}>
        {checking ? `${checking.label}…` : (report?.reason ?? 'Choosing a backend…')}
      </p>
    </div>
  );
}
