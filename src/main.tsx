import './core/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCatalogues, startFromUrl } from './state/bootstrap';
import { useLab } from './state/store';
import { runHistory } from './state/slices/touch';
import { drawStats } from './charts/heatmap/drawStats';
import { App } from './ui/App';
import './ui/styles.css';
import { debugWorker, startWorker } from './worker/client';
import { startUploadWorker } from './worker/upload/client';

window.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  const r: unknown = e.reason;
  useLab.setState({ appError: r instanceof Error ? r.message : String(r) });
});

// Read-only hooks for the browser benchmark (`npm run bench:ui`) and tests.
Object.assign(window, {
  __lab: { drawStats, state: () => useLab.getState(), debug: debugWorker, history: runHistory },
});

startWorker();
startUploadWorker();
void loadCatalogues();
startFromUrl(location.search, location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
