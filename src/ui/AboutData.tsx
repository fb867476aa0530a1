import { useState } from 'react';
import { useLab } from '../state/store';

/** Licences and attributions of the built-in data (manifest.json), with the full texts on request. */
export function AboutData() {
  const manifest = useLab((s) => s.manifest);
  const [texts, setTexts] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const load = () => {
    if (texts !== null) return;
    fetch(new URL('datasets/LICENSES.md', new URL(import.meta.env.BASE_URL, document.baseURI)))
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setTexts)
      .catch((e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  };
  return (
    <details className="about" data-testid="about-data">
      <summary>About the data</summary>
      <ul>
        {(manifest ?? []).map((d) => (
          <li key={d.id}>
            <strong>{d.title}</strong> — {d.license}. <span className="muted">{d.attribution}</span>
          </li>
        ))}
        <li>
          <strong>Toy sets</strong> (circle, XOR, Gaussians, spirals) — generated in your browser
          from the seed.
        </li>
      </ul>
      <details onToggle={(e) => (e.currentTarget.open ? load() : undefined)}>
        <summary>Full licence texts</summary>
        {failed ? (
          <p className="muted">Could not load LICENSES.md: {failed}</p>
        ) : (
          <pre>{texts ?? 'Loading…'}</pre>
        )}
      </details>
      <p className="muted">Everything runs in this browser tab; no data leaves your machine.</p>
    </details>
  );
}
