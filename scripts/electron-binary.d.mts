// Types for electron-binary.mjs, which plain-Node scripts and the TypeScript smoke test share.
export declare const INSTALL_HINT: string;

export type ElectronBinary =
  { found: true; path: string } | { found: false; path: string | null; reason: string };

export declare function findElectronBinary(options?: {
  platform?: string;
  env?: NodeJS.ProcessEnv;
  packageDir?: string | null;
}): ElectronBinary;
