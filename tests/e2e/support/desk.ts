import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';
import { E2E } from './env';

/** Signs in through the real form and waits for the desk. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page).toHaveURL(/\/queue/);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
}

/** A browser of its own (own cookies) for one person. */
export async function openDesk(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

let serial = 0;

/** Creates a user through the admin API with the admin's signed-in session. */
export async function createUser(admin: APIRequestContext, name: string, role: 'agent' | 'supervisor' = 'agent') {
  serial += 1;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now().toString(36)}${serial}@e2e.loket`;
  const response = await admin.post('/api/users', { data: { email, name, role, password: E2E.agentPassword } });
  expect(response.status(), await response.text()).toBe(201);
  return { email, name, password: E2E.agentPassword };
}

export function queueItem(page: Page, customerName: string) {
  return page.getByTestId('queue-item').filter({ has: page.getByTestId('queue-item-name').getByText(customerName, { exact: true }) });
}

export class CustomerSimulator {
  constructor(readonly page: Page) {}

  async open(phone: string, name: string) {
    await this.page.goto('/simulator');
    await this.page.getByTestId('sim-phone').fill(phone);
    await this.page.getByTestId('sim-name').fill(name);
    await this.page.getByTestId('sim-start').click();
  }

  async say(text: string) {
    const before = await this.page.getByTestId('sim-message').filter({ hasText: text }).count();
    await this.page.getByTestId('sim-input').fill(text);
    await this.page.getByTestId('sim-input').press('Enter');
    await expect(this.page.getByTestId('sim-message').filter({ hasText: text })).toHaveCount(before + 1);
  }

  fromBusiness(sender?: 'agent' | 'bot') {
    const rows = this.page.locator('[data-testid="sim-message"][data-direction="out"]');
    return sender ? rows.and(this.page.locator(`[data-sender="${sender}"]`)) : rows;
  }
}
