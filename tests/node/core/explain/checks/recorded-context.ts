// An ExplainContext over recorded outputs (tests/fixtures/explain/recorded/): files and tools by
// name, everything else absent. Records every run so tests can check the arguments given.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExplainContext, ToolOutput } from '../../../../../src-main/core/explain/check.js';
import type {
  ExplainInput,
  ExplainSituation,
} from '../../../../../src-main/domain/explain-input.js';
import type { ProbeResult } from '../../../../../src-main/domain/model.js';

const DIR = fileURLToPath(new URL('../../../../fixtures/explain/recorded/', import.meta.url));

/** A recorded output by file name. */
export function recorded(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

export function ok(stdout: string): ToolOutput {
  return { code: 0, stdout, stderr: '' };
}

export function failed(code: number, stderr: string, stdout = ''): ToolOutput {
  return { code, stdout, stderr };
}

export interface Recorded {
  platform?: NodeJS.Platform;
  host?: string | null;
  port: number;
  protocol?: 'tcp' | 'udp';
  situation?: ExplainSituation;
  files?: Record<string, string>;
  /** `command arg arg` → output; missing keys mean the tool is missing (null). */
  tools?: Record<string, ToolOutput>;
  /** For long command lines (PowerShell): the first pair whose text the command line contains. */
  toolsContaining?: [string, ToolOutput][];
  resolve?: Record<string, { address: string; family: 4 | 6 }[]>;
  probe?: (host: string, port: number, timeoutMs: number) => Promise<ProbeResult>;
  snapshot?: ExplainContext['snapshot'];
}

export function recordedContext(r: Recorded): ExplainContext & { runs: string[][] } {
  const runs: string[][] = [];
  const input: ExplainInput = {
    input: String(r.port),
    target: { host: r.host ?? null, port: r.port, protocol: r.protocol ?? 'tcp' },
    situation: r.situation ?? 'reachability',
    recogniser: 'port',
    assumedPort: false,
  };
  return {
    runs,
    input,
    snapshot: r.snapshot ?? null,
    platform: r.platform ?? 'linux',
    clock: () => 0,
    readFile: (path) => Promise.resolve(r.files?.[path] ?? null),
    run: (command, args) => {
      runs.push([command, ...args]);
      const line = [command, ...args].join(' ');
      const partial = r.toolsContaining?.find(([needle]) => line.includes(needle))?.[1];
      return Promise.resolve(r.tools?.[line] ?? partial ?? null);
    },
    resolve: (host) => {
      const found = r.resolve?.[host];
      if (found === undefined)
        return Promise.reject(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
        );
      return Promise.resolve(found);
    },
    probe: (host, port, timeoutMs) =>
      r.probe ? r.probe(host, port, timeoutMs) : Promise.reject(new Error('no probe in this test')),
  };
}
