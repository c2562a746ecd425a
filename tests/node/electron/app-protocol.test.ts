import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveAppFile } from '../../../src-main/electron/app-protocol.js';

let root: string;
const CSP = "default-src 'self'";

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'porthole-renderer-'));
  await mkdir(path.join(root, 'assets'));
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Porthole</title>');
  await writeFile(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  const secret = path.join(path.dirname(root), `${path.basename(root)}-secret.txt`);
  await writeFile(secret, 'secret');
  await symlink(secret, path.join(root, 'assets', 'link.js'));
  await writeFile(path.join(root, '.env'), 'TOKEN=1');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(path.join(path.dirname(root), `${path.basename(root)}-secret.txt`), { force: true });
});

const get = (url: string, method = 'GET') => serveAppFile({ url, method }, root, CSP);

describe('serving the built renderer over porthole://app/', () => {
  test('serves index.html (also for /) with its type, nosniff and the CSP', async () => {
    for (const url of ['porthole://app/index.html', 'porthole://app/']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(await response.text()).toContain('<title>Porthole</title>');
    }
  });

  test('serves module scripts as JavaScript', async () => {
    const response = await get('porthole://app/assets/index-abc.js?v=1#x');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  test('never leaves its folder, whatever the spelling', async () => {
    const secret = `${path.basename(root)}-secret.txt`;
    for (const url of [
      `porthole://app/../${secret}`,
      `porthole://app/%2e%2e/${secret}`,
      `porthole://app/%2E%2E%2F${secret}`,
      `porthole://app/assets/..%2F..%2F${secret}`,
      'porthole://app/%00index.html',
      'porthole://app/%E0%A4%A',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  test('other hosts and schemes, missing files and writes are refused', async () => {
    expect((await get('porthole://other/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
    expect((await get('porthole://app/missing.js')).status).toBe(404);
    expect((await get('porthole://app/index.html', 'POST')).status).toBe(405);
  });

  test('HEAD answers without a body', async () => {
    const response = await get('porthole://app/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  test('a symlink out of the folder and hidden files are not served', async () => {
    const link = await get('porthole://app/assets/link.js');
    expect(link.status).toBe(404);
    expect(await link.text()).not.toContain('secret');
    expect((await get('porthole://app/.env')).status).toBe(404);
    expect((await get('porthole://app/assets/..%5c..%5cx')).status).toBe(404);
  });
});
