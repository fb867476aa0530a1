import type { Session } from './browser';
import { openBrowser } from './browser';
import { serveStatic } from './server';

/** The built app for one test file: dist/ on a loopback static server and a Chromium page. */
export interface App extends Session {
  /** The server's address (ends in `/`). */
  readonly url: string;
}

/** Serves dist/ and opens Chromium on it; `close` shuts the browser, then the server. */
export async function openApp(viewport?: { width?: number; height?: number }): Promise<App> {
  // E2E_DIST lets several builds be tested side by side (each engineer builds to their own folder).
  const server = await serveStatic(process.env['E2E_DIST'] ?? 'dist');
  let s: Session;
  try {
    s = await openBrowser(viewport);
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    ...s,
    url: server.url,
    close: async () => {
      await s.close();
      await server.close();
    },
  };
}
