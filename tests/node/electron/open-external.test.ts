import { beforeEach, describe, expect, test, vi } from 'vitest';
import { InputError } from '../../../src-main/core/errors.js';
import { openExternal, vetExternalUrl } from '../../../src-main/electron/open-external.js';
import { fakeElectron } from './fake-electron.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).fakeElectron);

beforeEach(() => {
  fakeElectron.shell.opened.length = 0;
});

describe('openExternal', () => {
  test('opens http and https links in the browser, normalized', async () => {
    await openExternal('https://example.com/docs?q=1');
    await openExternal('HTTP://Example.com');
    expect(fakeElectron.shell.opened).toEqual([
      'https://example.com/docs?q=1',
      'http://example.com/',
    ]);
  });

  test.each([
    'file:///etc/passwd',
    'file://server/share/run.exe',
    'javascript:alert(1)',
    'smb://attacker.example/share',
    'ms-settings:privacy',
    'data:text/html,<script>1</script>',
    'vbscript:msgbox(1)',
    'https://user:pass@example.com/',
    'not a url',
    '',
    `https://example.com/${'a'.repeat(2100)}`,
  ])('refuses %s with an InputError and opens nothing', async (url) => {
    await expect(openExternal(url)).rejects.toThrow(InputError);
    expect(fakeElectron.shell.opened).toEqual([]);
  });

  test('the error names the refused scheme', () => {
    expect(() => vetExternalUrl('smb://host/share')).toThrow(
      'only http and https links can be opened, not smb:',
    );
  });

  test('non-strings are refused', () => {
    expect(() => vetExternalUrl(42)).toThrow(InputError);
  });
});
