// The bearer token of `porthole metrics --token-file`: read once, compared in constant time.
import { promises as fs } from 'node:fs';
import { InputError, describeError, echoInput } from '../core/errors.js';
import { tokensMatch } from '../core/platform/secret-compare.js';

export interface TokenFile {
  token: string;
  /** Said on stderr, never fatal: a token file others can read. */
  warnings: string[];
}

/**
 * The file's text without surrounding white space, as Prometheus reads its own `credentials_file`,
 * so one file can serve both ends. Empty, multi-line or unreadable: an InputError saying why.
 */
export async function readTokenFile(file: string): Promise<TokenFile> {
  let text: string;
  let mode: number;
  try {
    text = await fs.readFile(file, 'utf8');
    mode = (await fs.stat(file)).mode;
  } catch (error) {
    throw new InputError(
      `--token-file ${echoInput(file)}: cannot read it (${describeError(error)})`,
    );
  }
  const token = text.trim();
  if (token === '') throw new InputError(`--token-file ${echoInput(file)} is empty`);
  if (/[\s]/.test(token)) {
    throw new InputError(
      `--token-file ${echoInput(file)} must hold one token on one line, without spaces`,
    );
  }
  const warnings =
    process.platform !== 'win32' && (mode & 0o077) !== 0
      ? [`--token-file ${echoInput(file)} can be read by other users: chmod 600 it`]
      : [];
  return { token, warnings };
}

/** True when the `Authorization` header is `Bearer <token>`; hashing first hides the length too. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer +(\S+)\s*$/i.exec(header ?? '');
  return tokensMatch(token, match?.[1]);
}
