// `porthole metrics`: a headless Prometheus exporter over the monitor, until Ctrl-C or SIGTERM.
import { Command } from 'commander';
import { InputError, echoInput } from '../../core/errors.js';
import { println, warn, type CliContext } from '../context.js';

const EXAMPLES = `
Serves /metrics (Prometheus text format) and /healthz, and runs the saved watches plus every
--watch. The first line printed is the address to scrape, e.g. http://127.0.0.1:9464/metrics.
Ctrl-C or SIGTERM stops it (exit 0).

Anything but a loopback address needs --token-file: a file holding one secret, which requests
must then send as "Authorization: Bearer <secret>" (Prometheus: authorization.credentials_file).

Metrics: porthole_watch_up{target}, porthole_watch_probe_seconds{target},
porthole_watch_transitions_total{target,event}, porthole_listeners{protocol,exposure},
porthole_conflicts{kind}, porthole_unattributed_sockets, porthole_collector_up,
porthole_collect_seconds (histogram).

Examples:
  $ porthole metrics
  $ porthole metrics --watch 5432 --watch db.internal:5432
  $ porthole metrics --listen 0.0.0.0:9464 --token-file ~/.config/porthole/metrics.token`;

interface MetricsOptions {
  listen: string;
  watch?: string[];
  tokenFile?: string;
}

const collect = (value: string, list: string[] = []): string[] => [...list, value];

function notLoopback(listen: string): InputError {
  return new InputError(
    `--listen ${echoInput(listen)} is not a loopback address: other machines could read the ` +
      'metrics, so requests must carry a token. Give --token-file FILE (one secret; requests then ' +
      'need "Authorization: Bearer <secret>"), or listen on 127.0.0.1.',
  );
}

export function metricsCommand(ctx: CliContext): Command {
  return new Command('metrics')
    .description('serve Prometheus metrics of watches, listeners and conflicts (/metrics)')
    .option('--listen <host:port>', 'address to serve on', '127.0.0.1:9464')
    .option('--watch <target>', 'also watch this port or host:port (repeatable)', collect)
    .option('--token-file <file>', 'require "Authorization: Bearer <token in file>" on requests')
    .addHelpText('after', EXAMPLES)
    .action(async (options: MetricsOptions) => {
      // Loaded here, not at start-up: prom-client and zod cost every other command time.
      const [exporter, watches, settingsModule] = await Promise.all([
        import('../../metrics/index.js'),
        import('../../core/watches/watch-spec.js'),
        import('../../core/settings/index.js'),
      ]);
      const address = exporter.parseListenAddress(options.listen);
      let token: string | null = null;
      if (options.tokenFile !== undefined) {
        const file = await exporter.readTokenFile(options.tokenFile);
        for (const message of file.warnings) warn(ctx, message);
        token = file.token;
      } else if (!address.loopback) throw notLoopback(options.listen);
      const extraWatches = (options.watch ?? []).map((target) =>
        watches.createWatchSpec({ target }),
      );
      // Listening for Ctrl-C first: one during start-up still stops cleanly.
      const interrupted = ctx.interrupted();
      const store = new settingsModule.SettingsStore();
      const { settings, warnings } = await store.loadOrDefaults();
      for (const message of warnings) warn(ctx, message);
      const daemon = await exporter.startMetricsDaemon({
        address,
        token,
        extraWatches,
        store,
        settings,
        warn: (message) => warn(ctx, message),
      });
      // The address alone on the first line, so scripts and tests can read it.
      println(ctx, daemon.url);
      const count = daemon.watchCount;
      ctx.stderr.write(
        `porthole: serving metrics of ${count} ${count === 1 ? 'watch' : 'watches'}` +
          `${token === null ? '' : ' (bearer token required)'}; Ctrl-C stops\n`,
      );
      await interrupted;
      await daemon.stop();
    });
}
