// Overview's problem lines as a user finds them: a disclosure button per problem, opened to reach its port.
import type { Locator, Page } from 'playwright-core';

/** The disclosure button of every problem line, in screen order. */
export function problemLines(page: Page): Locator {
  return page.getByRole('list', { name: 'Problems' }).locator('button[aria-expanded]');
}

/** The line of the problem on `port` (its title names the port as its last number). */
export function problemLineFor(page: Page, port: number): Locator {
  return page
    .getByRole('list', { name: 'Problems' })
    .getByRole('heading', { name: new RegExp(`\\b${port}\\b`) })
    .locator('button[aria-expanded]');
}

/** Opens the line (if closed) and returns its list item. */
export async function openProblem(line: Locator): Promise<Locator> {
  if ((await line.getAttribute('aria-expanded')) !== 'true') await line.click();
  return line.locator('xpath=ancestor::li[1]');
}

/** Opens the problem on `port` and follows its "Open port" button to the port page. */
export async function openPortFromProblem(page: Page, port: number): Promise<void> {
  const item = await openProblem(problemLineFor(page, port).first());
  await item.getByRole('button', { name: `Open port ${port}` }).click();
  await page.getByRole('heading', { level: 1, name: `Port ${port}`, exact: true }).waitFor();
}
