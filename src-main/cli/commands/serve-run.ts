// What `porthole serve` does when it runs, loaded only then (serve.ts defines the command).
import { spawn } from 'node:child_process';
import { describeError } from '../../core/errors.js';
import { defaultContainerSource } from '../../core/collector/index.js';
import { HistoryLog } from '../../core/history/history-log.js';
import { PortholeService } from '../../service/index.js';
import { SettingsStore, type LoadResult } from '../../core/settings/index.js';
import { startWebServer } from '../../web/server.js';
import { parsePortArg } from '../args.js';
import { println, warn, type CliContext } from '../context.js';

export interface ServeOptions {
  port?: string;
  allowKill?: boolean;
  open?: boolean;
}

async function loadSettings(ctx: CliContext, store: SettingsStore): Promise<LoadResult> {
  const loaded = await store.loadOrDefaults();
  for (const message of loaded.warnings) warn(ctx, message);
  return loaded;
}

/** Hands the address to the desktop's browser; the URL is ours (loopback, port, token), never user text. */
function openInBrowser(ctx: CliContext, url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', (error) =>
    warn(ctx, `could not open a browser (${error.message}); open the address yourself`),
  );
  child.unref();
}

export async function runServe(ctx: CliContext, options: ServeOptions): Promise<void> {
  const port = options.port === undefined ? 0 : parsePortArg(options.port);
  // Listening first: a Ctrl-C during start-up still shuts down cleanly.
  const interrupted = ctx.interrupted();
  const store = new SettingsStore();
  const loaded = await loadSettings(ctx, store);
  const service = await PortholeService.create({
    settings: store,
    loaded,
    history: new HistoryLog({ limit: loaded.settings.preferences.historyLimit }),
    transport: 'http',
    allowKill: options.allowKill === true,
    containers: defaultContainerSource(),
  });
  service.start();
  let server;
  try {
    server = await startWebServer({
      backend: service,
      port,
      onClientsChange: (count) => service.setWindowOpen(count > 0),
      onError: (error) => warn(ctx, `unexpected error: ${describeError(error)}`),
    });
  } catch (error) {
    await service.stop();
    throw error;
  }
  // The address is the first line of stdout, alone, so scripts and tests can read it.
  println(ctx, server.url);
  const kill = options.allowKill ? 'on' : 'off (--allow-kill turns it on)';
  ctx.stderr.write(
    `porthole: serving on 127.0.0.1:${server.port}; stopping processes is ${kill}; Ctrl-C stops\n`,
  );
  if (options.open) openInBrowser(ctx, server.url);
  await interrupted;
  await server.close();
  await service.stop();
  service.dispose();
}
