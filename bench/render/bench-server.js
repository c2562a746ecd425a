// The real browser-mode server (`porthole serve`'s, from out/node) over a stub backend holding a fixed state.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importBuilt } from '../built.js';
import { settingsView } from './state.js';

const SERVER = fileURLToPath(new URL('../../out/node/web/server.js', import.meta.url));

/** Answers what the window asks while it loads; anything else is refused like an unknown request. */
class StubBackend {
  /** @param {() => import('../../src-main/shared/contract.js').PortholeState} state */
  constructor(state) {
    this.state = state;
  }

  /** @param {string} channel */
  handle(channel) {
    if (channel === 'porthole:state:get') return Promise.resolve(this.state());
    if (channel === 'porthole:settings:get') return Promise.resolve(settingsView());
    if (channel === 'porthole:history:query') return Promise.resolve([]);
    return Promise.reject(new Error(`${channel} is not part of the render bench`));
  }

  onEvent() {
    return () => undefined;
  }
}

/**
 * Starts the server on 127.0.0.1 (random port) with the built window.
 * @param {{ root: string, state: () => import('../../src-main/shared/contract.js').PortholeState }} options
 * @returns {Promise<{ origin: string, url: string, close(): Promise<void> }>}  url carries the token
 */
export async function startBenchServer({ root, state }) {
  if (!existsSync(SERVER)) throw new Error('out/node is missing: run `npm run build` first');
  const { startWebServer } = await importBuilt('web/server.js');
  const server = await startWebServer({
    // handle() answers only the channels a loading window asks, so it cannot match the generic
    // per-channel signature; the cast says the stub stands in for the whole backend.
    backend: /** @type {import('../../src-main/web/server.js').WebBackend} */ (
      new StubBackend(state)
    ),
    rendererDir: root,
  });
  return {
    origin: `http://127.0.0.1:${server.port}`,
    url: server.url,
    close: () => server.close(),
  };
}
