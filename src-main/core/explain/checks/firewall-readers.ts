// Readers of host firewalls, one per tool, each over one or two fixed commands (the port is a
// number formatted here, never user text). A reader answers null when its tool is missing.
import type { ExplainContext, Finding, ToolOutput } from '../check.js';
import { finding, needsPrivileges, toolText } from './finding.js';

const NAME = 'firewall';
const TIMEOUT_MS = 5000;
export const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';

export type FirewallReader = (ctx: ExplainContext, port: number) => Promise<Finding | null>;

function missing(out: ToolOutput | null): boolean {
  return out === null || (out.code === 127 && out.stdout === '');
}

/** `ufw status`: inactive, active with the rules for the port, or refused without root. */
export const readUfw: FirewallReader = async (ctx, port) => {
  const out = await ctx.run('ufw', ['status'], TIMEOUT_MS);
  if (out === null || missing(out)) return null;
  if (needsPrivileges(out)) {
    return finding(
      NAME,
      'info',
      'ufw is installed; reading its state needs root.',
      'sudo ufw status verbose',
    );
  }
  if (/^Status:\s*inactive/im.test(out.stdout))
    return finding(NAME, 'info', 'ufw is installed but inactive: it filters nothing.');
  if (!/^Status:\s*active/im.test(out.stdout))
    return finding(
      NAME,
      'info',
      `ufw answered in a way Porthole does not read: ${firstLine(out)}`,
      'sudo ufw status verbose',
    );
  const rules = ufwRulesFor(out.stdout, port);
  const proto = ctx.input.target.protocol;
  const blocking = rules.filter((r) => /DENY|REJECT/.test(r));
  if (blocking.length > 0) {
    return finding(
      NAME,
      'problem',
      `ufw is active and blocks port ${port}: ${blocking.join('; ')}.`,
      `sudo ufw allow ${port}/${proto} (and remove the deny rule: sudo ufw status numbered, then sudo ufw delete N)`,
    );
  }
  if (rules.length > 0)
    return finding(NAME, 'ok', `ufw is active and allows port ${port}: ${rules.join('; ')}.`);
  return finding(
    NAME,
    'info',
    `ufw is active with no rule for port ${port}, so its default policy (usually deny incoming) applies to other machines.`,
    `sudo ufw allow ${port}/${proto}`,
  );
};

/** Rule lines of `ufw status` whose "To" is the port, `port/proto` or a range holding it. */
export function ufwRulesFor(text: string, port: number): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/\s{2,}/g, ' '))
    .filter((line) => {
      const m =
        /^(\d{1,5})(?::(\d{1,5}))?(?:\/(tcp|udp))?(?: \(v6\))? (ALLOW|DENY|REJECT|LIMIT)/.exec(
          line,
        );
      if (m === null) return false;
      const start = Number(m[1]);
      const end = m[2] === undefined ? start : Number(m[2]);
      return port >= start && port <= end;
    });
}

/** `firewall-cmd --state`, then `--list-ports` of the default zone. */
export const readFirewalld: FirewallReader = async (ctx, port) => {
  const state = await ctx.run('firewall-cmd', ['--state'], TIMEOUT_MS);
  if (state === null || missing(state)) return null;
  if (/not running/i.test(toolText(state)))
    return finding(NAME, 'info', 'firewalld is installed but not running.');
  if (!/^running/im.test(state.stdout)) {
    return finding(
      NAME,
      'info',
      `firewalld's state could not be read: ${firstLine(state)}`,
      'sudo firewall-cmd --state',
    );
  }
  const ports = await ctx.run('firewall-cmd', ['--list-ports'], TIMEOUT_MS);
  const proto = ctx.input.target.protocol;
  if (ports === null || ports.code !== 0 || needsPrivileges(ports)) {
    return finding(
      NAME,
      'info',
      'firewalld is running; its open ports could not be read without privileges.',
      'sudo firewall-cmd --list-all',
    );
  }
  const open = ports.stdout.split(/\s+/).filter((t) => t !== '');
  const listed = open.some((t) => {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?\/(tcp|udp|sctp|dccp)$/.exec(t);
    if (m === null || m[3] !== proto) return false;
    const start = Number(m[1]);
    return port >= start && port <= (m[2] === undefined ? start : Number(m[2]));
  });
  if (listed)
    return finding(NAME, 'ok', `firewalld is running and its zone opens ${port}/${proto}.`);
  return finding(
    NAME,
    'problem',
    `firewalld is running and ${port}/${proto} is not among its open ports (${open.join(' ') || 'none'}), so other machines are refused unless a service opens it.`,
    `sudo firewall-cmd --add-port=${port}/${proto} (add --permanent to keep it)`,
  );
};

/** `nft list ruleset`: input chains that drop by default and rules naming the port. */
export const readNft: FirewallReader = async (ctx, port) => {
  const out = await ctx.run('nft', ['list', 'ruleset'], TIMEOUT_MS);
  if (out === null || missing(out)) return null;
  if (needsPrivileges(out)) {
    return finding(
      NAME,
      'info',
      'nftables rules cannot be read without root (nft says "Operation not permitted").',
      'sudo nft list ruleset',
    );
  }
  if (out.code !== 0)
    return finding(
      NAME,
      'info',
      `nft could not list the rules: ${firstLine(out)}`,
      'sudo nft list ruleset',
    );
  return rulesFinding('nftables', nftInputDrops(out.stdout), nftPortRules(out.stdout, port), port);
};

export function nftInputDrops(text: string): boolean {
  return /type filter hook input priority [^;]+; policy (drop|reject)/.test(text);
}

export function nftPortRules(text: string, port: number): string[] {
  const word = new RegExp(`dport (?:\\{[^}]*\\b${port}\\b[^}]*\\}|${port}\\b)`);
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => word.test(l) && /\b(drop|reject|accept)\b/.test(l));
}

/** `iptables -S`: the INPUT policy and rules naming the port. */
export const readIptables: FirewallReader = async (ctx, port) => {
  const out = await ctx.run('iptables', ['-S'], TIMEOUT_MS);
  if (out === null || missing(out)) return null;
  if (needsPrivileges(out)) {
    return finding(
      NAME,
      'info',
      'iptables rules cannot be read without root (iptables says "Permission denied").',
      'sudo iptables -S',
    );
  }
  if (out.code !== 0)
    return finding(
      NAME,
      'info',
      `iptables could not list the rules: ${firstLine(out)}`,
      'sudo iptables -S',
    );
  const drops = /^-P INPUT (DROP|REJECT)/m.test(out.stdout);
  const rules = out.stdout
    .split(/\r?\n/)
    .filter(
      (l) => /^-A INPUT\b/.test(l) && new RegExp(`--dports? (?:[\\d,:]*\\b)?${port}\\b`).test(l),
    );
  return rulesFinding('iptables', drops, rules, port);
};

function rulesFinding(
  tool: string,
  dropsByDefault: boolean,
  rules: string[],
  port: number,
): Finding {
  const blocking = rules.filter((r) => /\b(drop|reject|DROP|REJECT)\b/.test(r));
  const allowing = rules.filter((r) => /\b(accept|ACCEPT)\b/.test(r));
  if (blocking.length > 0)
    return finding(
      NAME,
      'problem',
      `${tool} has a rule that blocks port ${port}: ${blocking[0] ?? ''}`,
      `remove or change that rule (sudo ${tool === 'nftables' ? 'nft -a list ruleset to find its handle' : 'iptables -S INPUT'})`,
    );
  if (allowing.length > 0)
    return finding(NAME, 'ok', `${tool} accepts port ${port}: ${allowing[0] ?? ''}`);
  if (dropsByDefault)
    return finding(
      NAME,
      'problem',
      `${tool} drops incoming traffic by default and has no rule accepting port ${port}.`,
      tool === 'nftables'
        ? `sudo nft add rule inet filter input tcp dport ${port} accept (the table and chain names vary)`
        : `sudo iptables -I INPUT -p tcp --dport ${port} -j ACCEPT`,
    );
  return finding(NAME, 'ok', `${tool} has no input rule that blocks port ${port}.`);
}

/** macOS's Application Firewall: `socketfilterfw --getglobalstate` (State = 0, 1 or 2). */
export const readMacFirewall: FirewallReader = async (ctx) => {
  const out = await ctx.run(SOCKETFILTERFW, ['--getglobalstate'], TIMEOUT_MS);
  if (out === null || missing(out)) return null;
  const state = /State = (\d)/.exec(out.stdout)?.[1];
  if (state === '0')
    return finding(NAME, 'info', "macOS's Application Firewall is off: it filters nothing.");
  if (state === '2') {
    return finding(
      NAME,
      'problem',
      "macOS's Application Firewall blocks all incoming connections (State = 2).",
      `sudo ${SOCKETFILTERFW} --setblockall off`,
    );
  }
  if (state === '1') {
    return finding(
      NAME,
      'info',
      "macOS's Application Firewall is on: it allows or blocks incoming connections per application, not per port.",
      `sudo ${SOCKETFILTERFW} --add "$(which node)" && sudo ${SOCKETFILTERFW} --unblockapp "$(which node)" (for the server's program)`,
    );
  }
  return finding(
    NAME,
    'info',
    `macOS's Application Firewall state could not be read: ${firstLine(out)}`,
    `${SOCKETFILTERFW} --getglobalstate`,
  );
};

export function firstLine(out: ToolOutput): string {
  return toolText(out).trim().split(/\r?\n/)[0]?.trim() || `exit code ${String(out.code)}`;
}
