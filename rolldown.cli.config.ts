// The `porthole` command's bundle (out/cli): one small entry chunk holding commander and every
// command's definition; what a command needs only when it runs is a dynamic import, hence its own
// chunk, so `porthole --help` loads none of it. Runtime packages are inlined: the bundle reads
// nothing from node_modules.
import { resolve } from 'node:path';
import { defineConfig } from 'rolldown';

const projectRoot = import.meta.dirname;

export default defineConfig({
  input: { main: resolve(projectRoot, 'src-main/cli/main.ts') },
  platform: 'node',
  tsconfig: resolve(projectRoot, 'tsconfig.node.json'),
  transform: {
    // CommonJS packages inlined into ES modules (write-file-atomic hashes __filename) get what
    // Node gives an ES module instead (Node >= 20.11).
    define: { __filename: 'import.meta.filename', __dirname: 'import.meta.dirname' },
  },
  output: {
    dir: resolve(projectRoot, 'out/cli'),
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    cleanDir: true,
    // zod in a chunk of its own: left to itself, rolldown also puts small shared modules
    // (domain/endpoint.ts…) in zod's chunk, and every command that needs one of them loads zod.
    codeSplitting: { groups: [{ name: 'zod', test: /node_modules[\\/]zod[\\/]/ }] },
  },
});
