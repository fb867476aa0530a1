import type { ReactNode } from 'react';
import type { LabTab } from '../../state/compareTypes';
import { compareActive } from '../../state/slices/compare';
import { useLab } from '../../state/store';

const TABS: readonly { id: LabTab; label: string }[] = [
  { id: 'live', label: 'Live run' },
  { id: 'compare', label: 'Compare methods' },
  { id: 'sensitivity', label: 'Layer sensitivity' },
  { id: 'report', label: 'Report' },
  { id: 'runs', label: 'Saved runs' },
];

/** The main area's views; the compare tab shows how far a running compare is. */
export function ViewTabs() {
  const tab = useLab((s) => s.tab);
  const setTab = useLab((s) => s.setTab);
  const compare = useLab((s) => s.compare);
  const badge =
    compare && compareActive(compare) ? ` · ${compare.done}/${compare.jobs.length}` : '';
  return (
    <nav className="tabs span-12" role="tablist" aria-label="Views">
      {TABS.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          className={tab === t.id ? 'tab is-active' : 'tab'}
          data-testid={`tab-${t.id}`}
          onClick={() => setTab(t.id)}
        >
          {t.label}
          {t.id === 'compare' && badge}
        </button>
      ))}
    </nav>
  );
}

/** Renders its views only while its tab is shown (hidden charts would measure zero width). */
export function TabPanel(props: { tab: LabTab; children: ReactNode }) {
  const tab = useLab((s) => s.tab);
  return tab === props.tab ? <>{props.children}</> : null;
}
