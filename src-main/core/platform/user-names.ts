// Maps numeric uids to user names through /etc/passwd, read once and re-read only for unknown uids.
import type { Clock } from '../../domain/model.js';

/** uid → name from passwd text; malformed lines are skipped and the first entry for a uid wins. */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [name, , uidText] = line.split(':');
    if (!name || uidText === undefined || !/^\d+$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!names.has(uid)) names.set(uid, name);
  }
  return names;
}

export class UserNames {
  private names = new Map<number, string>();
  private loadedAt: number | null = null;

  constructor(
    private readonly readText: (path: string) => string,
    private readonly clock: Clock,
    private readonly passwdPath = '/etc/passwd',
    /** A uid missing from passwd (a user added since) triggers a re-read at most this often. */
    private readonly reloadMs = 60_000,
  ) {}

  /** The user name of `uid`, or the uid as text when passwd does not know it (NSS/LDAP users). */
  nameOf(uid: number): string {
    const known = this.names.get(uid);
    if (known !== undefined) return known;
    const now = this.clock();
    if (this.loadedAt === null || (!this.names.has(uid) && now - this.loadedAt >= this.reloadMs)) {
      this.loadedAt = now;
      try {
        this.names = parsePasswd(this.readText(this.passwdPath));
      } catch {
        this.names = new Map();
      }
    }
    return this.names.get(uid) ?? String(uid);
  }
}
