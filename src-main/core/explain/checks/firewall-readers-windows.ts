// Windows Firewall through PowerShell (fixed commands; the port is a number formatted here):
// which profiles are on, then the enabled rules whose port filter names the port.
import type { ExplainContext, ToolOutput } from '../check.js';
import { finding, needsPrivileges } from './finding.js';
import { type FirewallReader, firstLine } from './firewall-readers.js';

const NAME = 'firewall';
const POWERSHELL_TIMEOUT_MS = 20_000;

/** Windows: which profiles are on, then the enabled rules whose port filter names the port. */
export const readWindowsFirewall: FirewallReader = async (ctx, port) => {
  const profiles = await powershell(
    ctx,
    "Get-NetFirewallProfile | ForEach-Object { $_.Name + '=' + $_.Enabled }",
  );
  if (profiles === null) return null;
  if (profiles.code !== 0 || needsPrivileges(profiles)) {
    return finding(
      NAME,
      'info',
      `Windows Firewall's profiles could not be read: ${firstLine(profiles)}`,
      'Get-NetFirewallProfile (in PowerShell as administrator)',
    );
  }
  const on = [...profiles.stdout.matchAll(/^(\w+)=True\s*$/gm)].map((m) => m[1] ?? '');
  if (on.length === 0)
    return finding(NAME, 'info', 'Windows Firewall is off in every profile: it filters nothing.');
  const proto = ctx.input.target.protocol.toUpperCase();
  const rulesOut = await powershell(
    ctx,
    `Get-NetFirewallPortFilter -Protocol ${proto} | Where-Object { $_.LocalPort -eq '${port}' } | Get-NetFirewallRule | ForEach-Object { $_.DisplayName + '|' + $_.Direction + '|' + $_.Action + '|' + $_.Enabled }`,
  );
  const rules =
    rulesOut === null || rulesOut.code !== 0 ? null : parseWindowsRules(rulesOut.stdout);
  const profilesText = `Windows Firewall is on (${on.join(', ')})`;
  const allow = `New-NetFirewallRule -DisplayName "Port ${port}" -Direction Inbound -Protocol ${proto} -LocalPort ${port} -Action Allow (PowerShell as administrator)`;
  if (rules === null)
    return finding(
      NAME,
      'info',
      `${profilesText}; its rules for port ${port} could not be read.`,
      `Get-NetFirewallPortFilter -Protocol ${proto} | Where-Object LocalPort -eq ${port} | Get-NetFirewallRule`,
    );
  const inbound = rules.filter((r) => r.enabled && r.direction === 'Inbound');
  const block = inbound.find((r) => r.action === 'Block');
  if (block)
    return finding(
      NAME,
      'problem',
      `${profilesText} and the rule "${block.name}" blocks inbound port ${port}.`,
      `Disable-NetFirewallRule -DisplayName "${block.name}" (as administrator), or use another port`,
    );
  const allowRule = inbound.find((r) => r.action === 'Allow');
  if (allowRule)
    return finding(
      NAME,
      'ok',
      `${profilesText} and the rule "${allowRule.name}" allows inbound port ${port}.`,
    );
  return finding(
    NAME,
    'info',
    `${profilesText} with no rule for port ${port}: inbound connections are blocked unless a rule allows the program.`,
    allow,
  );
};

export interface WindowsRule {
  name: string;
  direction: string;
  action: string;
  enabled: boolean;
}

export function parseWindowsRules(text: string): WindowsRule[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().split('|'))
    .filter((f) => f.length === 4)
    .map(([name = '', direction = '', action = '', enabled = '']) => ({
      name,
      direction,
      action,
      enabled: enabled === 'True',
    }));
}

function powershell(ctx: ExplainContext, command: string): Promise<ToolOutput | null> {
  return ctx.run(
    'powershell',
    ['-NoProfile', '-NonInteractive', '-Command', command],
    POWERSHELL_TIMEOUT_MS,
  );
}
