// deploy/: the example scrape config and alert rules pass promtool (and the rules' own unit tests),
// name only metrics the exporter serves, and the systemd user unit is one systemd accepts.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { PortholeMetrics } from '../../../src-main/metrics/registry.js';
import { findTool, missingTool } from './tools.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PROMETHEUS_DIR = path.join(ROOT, 'deploy', 'prometheus');
const RULES = readdirSync(PROMETHEUS_DIR)
  .filter((name) => name.endsWith('.rules.yml'))
  .map((name) => path.join(PROMETHEUS_DIR, name));
const UNIT = path.join(ROOT, 'deploy', 'systemd', 'porthole-metrics.service');

const temp = mkdtempSync(path.join(tmpdir(), 'porthole-deploy-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(tool: string, args: string[], cwd = ROOT): { code: number | null; output: string } {
  const result = spawnSync(findTool(tool)!, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe.skipIf(missingTool('promtool', 'apt-get install prometheus'))('promtool', () => {
  test('checks the alert rules', () => {
    expect(RULES.length).toBeGreaterThan(0);
    const { code, output } = run('promtool', ['check', 'rules', ...RULES]);
    expect(output).toContain('SUCCESS: 3 rules found');
    expect(code).toBe(0);
  });

  test("passes the rules' unit tests: each alert fires when it should, and only then", () => {
    const { code, output } = run('promtool', [
      'test',
      'rules',
      'tests/node/metrics/alert-rules.promtest.yml',
    ]);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
  });

  test('checks the example scrape config, its rule file and token file beside it', () => {
    const dir = path.join(temp, 'prometheus');
    cpSync(PROMETHEUS_DIR, dir, { recursive: true });
    writeFileSync(path.join(dir, 'porthole.token'), 'example-token\n', { mode: 0o600 });
    const { code, output } = run('promtool', ['check', 'config', 'prometheus.yml'], dir);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
  });
});

test('the rules and the scrape config name only what the exporter serves', async () => {
  const served = new Set(
    (await new PortholeMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name),
  );
  const named = RULES.flatMap((file) => [
    ...readFileSync(file, 'utf8').matchAll(/porthole_\w+/g),
  ]).map(([name]) => name);
  expect(named.length).toBeGreaterThan(0);
  for (const name of new Set(named)) expect(served, name).toContain(name);
  // The first job scrapes the command's default address.
  expect(readFileSync(path.join(PROMETHEUS_DIR, 'prometheus.yml'), 'utf8')).toContain(
    "targets: ['127.0.0.1:9464']",
  );
});

describe.skipIf(missingTool('systemd-analyze', 'apt-get install systemd'))('systemd unit', () => {
  test('systemd-analyze verify accepts it without a warning', () => {
    const { code, output } = run('systemd-analyze', ['verify', UNIT]);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  test('runs `porthole metrics`, restarts on failure but not after a usage error (exit 2)', () => {
    const unit = readFileSync(UNIT, 'utf8');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/env porthole metrics$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(unit).toMatch(/^WantedBy=default\.target$/m);
  });
});
