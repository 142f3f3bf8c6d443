import { createHmac } from 'node:crypto';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { localDate } from '../../lib/ui/date-range';
import { CustomerSimulator, createUser, openDesk, queueItem, signIn } from './support/desk';
import { E2E } from './support/env';

const count = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

// A supervisor's board moves with the floor: a customer writes, an agent claims and resolves,
// and every number follows without a reload. Then the same ticket in analytics and the browser.
test('the board follows a ticket from the first message to its resolution, live', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const boardPage = await adminContext.newPage();
  await signIn(boardPage, E2E.adminEmail, E2E.adminPassword);
  const agent = await createUser(boardPage.request, 'Sari Papan');
  // The team works in Jakarta (the default): "today" of the reports is Jakarta's today.
  const today = localDate(new Date(), 'Asia/Jakarta');
  const before = await boardPage.request.get(`/api/analytics?from=${today}&to=${today}`);
  expect(before.status()).toBe(200);
  const createdBefore = ((await before.json()) as { totals: { created: number } }).totals.created;
  const agentPage = await openDesk(browser, agent.email, agent.password);

  await boardPage.getByTestId('nav-board').click();
  await expect(boardPage).toHaveURL(/\/board$/);
  await expect(boardPage.getByTestId('board-pending-total')).toBeVisible();
  await boardPage.evaluate(() => ((window as unknown as { boardOpened?: boolean }).boardOpened = true));
  const pending = await count(boardPage, 'board-pending-total');
  const assigned = await count(boardPage, 'board-assigned');
  const resolved = await count(boardPage, 'board-resolved-today');

  const agentRow = boardPage.locator('li[data-testid^="board-agent-"]').filter({ hasText: agent.name });
  await expect(agentRow).toHaveAttribute('data-presence', 'online');
  await expect(agentRow.getByTestId('board-agent-open')).toHaveText('0');
  const agentId = (await agentRow.getAttribute('data-testid'))!.replace('board-agent-', '');

  // The customer writes (from another tab of the supervisor's browser): pending goes up, live.
  const customer = new CustomerSimulator(await adminContext.newPage());
  await customer.open('6281299990077', 'Wulan Board');
  await customer.say('Halo, saya mau tanya soal tagihan');
  await expect(boardPage.getByTestId('board-pending-total')).toHaveText(String(pending + 1));
  await expect(boardPage.getByTestId('board-oldest-waiting')).not.toHaveAttribute('data-empty', 'true');

  // The agent claims: pending back down, one more being handled, and it shows on the agent's load.
  const item = queueItem(agentPage, 'Wulan Board');
  await expect(item).toBeVisible();
  const ticketId = await item.getAttribute('data-ticket-id');
  await item.getByTestId('claim-button').click();
  await expect(agentPage).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
  await expect(boardPage.getByTestId('board-pending-total')).toHaveText(String(pending));
  await expect(boardPage.getByTestId('board-assigned')).toHaveText(String(assigned + 1));
  await expect(agentRow.getByTestId('board-agent-open')).toHaveText('1');

  // The agent resolves: resolved today goes up, the agent is free again.
  await agentPage.getByTestId('resolve-button').click();
  await expect(agentPage.getByTestId('ticket-resolved')).toBeVisible();
  await expect(boardPage.getByTestId('board-resolved-today')).toHaveText(String(resolved + 1));
  await expect(boardPage.getByTestId('board-assigned')).toHaveText(String(assigned));
  await expect(agentRow.getByTestId('board-agent-open')).toHaveText('0');
  // All of it without a reload: the page is still the one opened at the start.
  expect(await boardPage.evaluate(() => (window as unknown as { boardOpened?: boolean }).boardOpened)).toBe(true);

  // Analytics, today: the new ticket is counted, and the agent handled and resolved it.
  await boardPage.getByTestId('nav-analytics').click();
  await boardPage.getByTestId('range-today').click();
  await expect(boardPage.getByTestId('analytics-report')).toHaveAttribute('data-from', today);
  await expect(boardPage.getByTestId('kpi-created')).toHaveText(String(createdBefore + 1));
  const agentStats = boardPage.getByTestId(`agent-row-${agentId}`);
  await expect(agentStats.locator('[data-column="handled"]')).toHaveText('1');
  await expect(agentStats.locator('[data-column="resolved"]')).toHaveText('1');
  await expect(boardPage.getByTestId('export-agents-csv')).toHaveAttribute('href', `/api/analytics/agents.csv?from=${today}&to=${today}`);
  // The range is in the address: a reload (or the link, shared) shows the same report.
  await expect(boardPage).toHaveURL(/\/analytics\?range=today$/);
  await boardPage.reload();
  await expect(boardPage.getByTestId('range-today')).toHaveAttribute('aria-pressed', 'true');
  await expect(boardPage.getByTestId('analytics-report')).toHaveAttribute('data-from', today);

  // The ticket browser finds it by the customer's phone number and opens the conversation.
  await boardPage.getByTestId('nav-all-tickets').click();
  await expect(boardPage.getByTestId('ticket-browser')).toBeVisible();
  await boardPage.getByTestId('browser-search').fill('6281299990077');
  const row = boardPage.getByTestId(`browser-row-${ticketId}`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'resolved');
  await expect(boardPage.locator('[data-testid^="browser-row-"]')).toHaveCount(1);
  await expect(boardPage).toHaveURL(/[?&]q=6281299990077/);
  await row.click();
  await expect(boardPage).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
  await expect(boardPage.getByTestId('chat-pane')).toHaveAttribute('data-status', 'resolved');

  // Agents have none of this.
  await expect(agentPage.getByTestId('nav-board')).toHaveCount(0);
  await agentPage.goto('/tickets');
  await expect(agentPage).toHaveURL(/\/queue$/);
});

/** A gateway customer's message, signed as the gateway signs it; answers the ticket's id. */
async function gatewayMessage(request: APIRequestContext, from: string, name: string, text: string): Promise<number> {
  const body = JSON.stringify({ id: `bulk-${from}-${Date.now()}`, from, name, text });
  const signature = `sha256=${createHmac('sha256', E2E.webhookSecret).update(body).digest('hex')}`;
  const response = await request.post('/api/webhooks/baileys', { data: body, headers: { 'content-type': 'application/json', 'x-loket-signature': signature } });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { ticket_id: number }).ticket_id;
}

/** 110 closed conversations: more than two pages of one search, and nothing left in the shared queue. */
async function seedResolvedTickets(request: APIRequestContext) {
  // The bot's acknowledgement has nowhere to go for gateway customers here: keep it quiet meanwhile.
  const { bot } = (await (await request.get('/api/settings/bot')).json()) as { bot: Record<string, unknown> };
  await request.put('/api/settings/bot', { data: { ...bot, ack_enabled: false } });
  try {
    for (let batch = 0; batch < 11; batch++) {
      const numbers = Array.from({ length: 10 }, (_, j) => batch * 10 + j);
      const ids = await Promise.all(numbers.map((i) => gatewayMessage(request, `6285500${String(i).padStart(5, '0')}`, `Massal ${i}`, `pesan massal ${i}`)));
      await Promise.all(ids.map(async (id) => expect((await request.post(`/api/tickets/${id}/resolve`)).status()).toBe(200)));
    }
  } finally {
    await request.put('/api/settings/bot', { data: bot });
  }
}

test('the ticket browser pages in 50 at a time as you scroll, and keeps the page small', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, E2E.adminEmail, E2E.adminPassword);
  await seedResolvedTickets(page.request);

  await page.goto('/tickets?q=pesan%20massal');
  await expect(page.getByTestId('browser-search')).toHaveValue('pesan massal');
  const rows = page.locator('[data-testid^="browser-row-"]');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('browser-load-more')).toBeVisible();

  // Scrolling to the end fetches the next pages until all 110 are there…
  const table = page.getByRole('table');
  for (let i = 0; i < 10 && !(await page.getByTestId('browser-end').isVisible()); i++) {
    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.waitForTimeout(300);
  }
  await expect(page.getByTestId('browser-end')).toContainText('110');
  // …the oldest is at the bottom, and only the rows in view are in the DOM.
  await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rows.last()).toContainText(/Massal \d(?!\d)/); // one of the first batch
  expect(await rows.count()).toBeLessThan(60);
});
