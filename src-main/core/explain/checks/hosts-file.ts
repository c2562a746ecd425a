// Reads a hosts file (/etc/hosts, Windows' drivers\etc\hosts): one entry per name, with its line.

export interface HostsEntry {
  address: string;
  /** Lower-cased, as resolvers compare them. */
  name: string;
  line: number;
}

/** Comments (`#` anywhere) dropped; an address followed by one or more names per line; IPv6 too. */
export function parseHostsFile(text: string): HostsEntry[] {
  const entries: HostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const fields = (raw.split('#')[0] ?? '')
      .trim()
      .split(/\s+/)
      .filter((f) => f !== '');
    const [address, ...names] = fields;
    if (address === undefined || !/^[0-9a-fA-F:.%a-zA-Z]+$/.test(address) || !/[.:]/.test(address))
      return;
    for (const name of names) entries.push({ address, name: name.toLowerCase(), line: i + 1 });
  });
  return entries;
}

/** Where the hosts file lives on this platform. */
export function hostsFilePath(platform: NodeJS.Platform, systemRoot?: string): string {
  if (platform !== 'win32') return '/etc/hosts';
  return `${systemRoot ?? 'C:\\Windows'}\\System32\\drivers\\etc\\hosts`;
}

/** Loopback as a hosts file may write it: 127.x, ::1, its long forms, macOS's fe80::1%lo0. */
export function isLoopbackText(address: string): boolean {
  const a = address.toLowerCase();
  return (
    a.startsWith('127.') ||
    a === '::1' ||
    /^(0{1,4}:){7}0{0,3}1$/.test(a) ||
    a === '::ffff:127.0.0.1' ||
    a.endsWith('%lo0')
  );
}
