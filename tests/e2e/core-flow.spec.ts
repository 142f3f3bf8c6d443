import { expect, test } from '@playwright/test';
import { CustomerSimulator, createUser, openDesk, queueItem, signIn } from './support/desk';
import { E2E } from './support/env';

// The seed's testing checklist, walked in real Chromium by two agents and a customer
// played on the simulator page by a supervisor (the admin).
test('customer writes, two agents see it live, one claims, answers and resolves', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, E2E.adminEmail, E2E.adminPassword);
  const ani = await createUser(adminPage.request, 'Ani');
  const bayu = await createUser(adminPage.request, 'Bayu');

  const pageA = await openDesk(browser, ani.email, ani.password);
  const pageB = await openDesk(browser, bayu.email, bayu.password);
  await pageA.goto('/queue');
  await pageB.goto('/queue');

  const customer = new CustomerSimulator(adminPage);
  await customer.open('6281299990001', 'Budi Santoso');
  const pendingBefore = Number(await adminPage.getByTestId('count-pending-total').textContent());

  // Customer writes → a ticket appears live in both agents' queues, and the supervisor's counts move.
  await customer.say('Halo, pesanan saya belum sampai');
  const itemA = queueItem(pageA, 'Budi Santoso');
  const itemB = queueItem(pageB, 'Budi Santoso');
  await expect(itemA).toBeVisible();
  await expect(itemB).toBeVisible();
  await expect(itemA.getByTestId('queue-item-preview')).toHaveText('Halo, pesanan saya belum sampai');
  await expect(itemA).toHaveAttribute('data-priority', 'medium');
  await expect(adminPage.getByTestId('count-pending-total')).toHaveText(String(pendingBefore + 1));
  // The bot acknowledges once.
  await expect(customer.fromBusiness('bot')).toHaveCount(1);
  const ticketId = await itemA.getAttribute('data-ticket-id');
  expect(ticketId).toBeTruthy();

  // A claims with one click and lands in the chat pane; the ticket leaves B's queue at once.
  await itemA.getByTestId('claim-button').click();
  await expect(pageA).toHaveURL(new RegExp(`/tickets/${ticketId}$`));
  await expect(pageA.getByTestId('chat-pane')).toHaveAttribute('data-status', 'assigned');
  await expect(itemB).toHaveCount(0);
  await expect(adminPage.getByTestId('count-pending-total')).toHaveText(String(pendingBefore));

  // A answers; the customer sees it and the tick turns to sent.
  await pageA.getByTestId('reply-input').fill('Baik Pak Budi, kami cek sekarang.');
  await pageA.getByTestId('reply-input').press('Enter');
  await expect(customer.fromBusiness('agent').filter({ hasText: 'Baik Pak Budi, kami cek sekarang.' })).toHaveCount(1);
  const reply = pageA.locator('[data-testid="message"][data-sender="agent"]').filter({ hasText: 'kami cek sekarang' });
  await expect(reply).toHaveCount(1);
  await expect(reply).toHaveAttribute('data-status', 'sent');

  // The customer writes again: same ticket, live in A's pane, and no second bot reply.
  await customer.say('Nomor resinya JNE123');
  await expect(pageA.locator('[data-testid="message"][data-sender="customer"]').filter({ hasText: 'JNE123' })).toHaveCount(1);
  await expect(customer.fromBusiness('bot')).toHaveCount(1);
  await expect(queueItem(pageB, 'Budi Santoso')).toHaveCount(0);

  // It is in A's tickets.
  await pageA.getByTestId('nav-my-tickets').click();
  await expect(pageA.locator(`[data-testid="my-ticket-item"][data-ticket-id="${ticketId}"]`)).toBeVisible();

  // A resolves; the next customer message opens a new ticket (and a new acknowledgement).
  await pageA.goto(`/tickets/${ticketId}`);
  await pageA.getByTestId('resolve-button').click();
  await expect(pageA.getByTestId('ticket-resolved')).toBeVisible();
  await expect(pageA.getByTestId('chat-pane')).toHaveAttribute('data-status', 'resolved');

  await customer.say('Sudah sampai, terima kasih! Satu lagi pertanyaan.');
  const next = queueItem(pageB, 'Budi Santoso');
  await expect(next).toBeVisible();
  expect(await next.getAttribute('data-ticket-id')).not.toBe(ticketId);
  await expect(customer.fromBusiness('bot')).toHaveCount(2);
});

test('the agent who loses a claim race sees a clear message, not an error page', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, E2E.adminEmail, E2E.adminPassword);
  const citra = await createUser(adminPage.request, 'Citra');
  const dewi = await createUser(adminPage.request, 'Dewi');
  const pageC = await openDesk(browser, citra.email, citra.password);
  const pageD = await openDesk(browser, dewi.email, dewi.password);

  const customer = new CustomerSimulator(adminPage);
  await customer.open('6281299990002', 'Eka Putri');
  await customer.say('Tolong bantu reset password');
  await expect(queueItem(pageC, 'Eka Putri')).toBeVisible();
  const itemD = queueItem(pageD, 'Eka Putri');
  await expect(itemD).toBeVisible();

  // Dewi's click reaches the server just after Citra's: hold it until Citra has won.
  await pageD.route('**/api/tickets/*/claim', async (route) => {
    await queueItem(pageC, 'Eka Putri').getByTestId('claim-button').click();
    await expect(pageC).toHaveURL(/\/tickets\/\d+$/);
    await route.continue();
  });
  await itemD.getByTestId('claim-button').click();
  await expect(pageD.getByTestId('claim-conflict')).toContainText('Citra');
  await expect(pageD).toHaveURL(/\/queue/);
  await expect(itemD).toHaveCount(0);
});
