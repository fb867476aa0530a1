import { BackendBadge } from './BackendBadge';
import { ShareButton } from './ShareButton';
import { Stats } from './Stats';
import { Transport } from './Transport';
import { LessonsMenu } from './LessonsMenu';
import { DisplayToggles } from './DisplayToggles';

/** Title, transport, headline numbers and the backend. */
export function TopBar() {
  return (
    <header className="topbar">
      <div className="brand">
        <h1>Pruning Lab</h1>
        <p>Dynamic Network Surgery, live</p>
      </div>
      <Transport />
      <Stats />
      <div className="topbar-tools">
        <ShareButton />
        <LessonsMenu />
        <DisplayToggles />
      </div>
      <BackendBadge />
    </header>
  );
}
