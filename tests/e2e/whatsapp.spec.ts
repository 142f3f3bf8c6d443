import { expect, type Page, test } from '@playwright/test';
import { createUser, openDesk, queueItem, signIn } from './support/desk';
import { E2E } from './support/env';

interface SentOnWhatsApp {
  jid: string;
  id: string;
  content: { text?: string };
}

/** What the linked number's socket was asked to send (the test plays WhatsApp's side). */
async function sentOnWhatsApp(page: Page, channelId: string): Promise<SentOnWhatsApp[]> {
  const response = await page.request.get(`/__test/whatsapp/${channelId}/sent`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as SentOnWhatsApp[];
}

// A Baileys message event → ticket in the queue → claim → reply → sendMessage with the right
// JID and text → a receipt event → the tick in the agent's browser.
test('a WhatsApp customer is answered from the desk, and the ticks follow the receipts', async ({ browser }) => {
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, E2E.adminEmail, E2E.adminPassword);

  // The admin adds a number; its QR shows; the phone "scans" it.
  await adminPage.getByTestId('nav-channels').click();
  await adminPage.getByTestId('channel-name').fill('Sales');
  await adminPage.getByTestId('channel-add').click();
  const row = adminPage.getByTestId('channel-row').filter({ hasText: 'Sales' });
  await expect(row.getByTestId('channel-qr')).toBeVisible();
  const channelId = await row.getAttribute('data-channel-id');
  expect(channelId).toBeTruthy();
  const linked = await adminPage.request.post(`/__test/whatsapp/${channelId}/link`, { data: { phone: '628111000999' } });
  expect(linked.ok()).toBe(true);
  await expect(row).toHaveAttribute('data-status', 'connected');
  await expect(row).toContainText('628111000999');

  const agent = await createUser(adminPage.request, 'Wulan');
  const page = await openDesk(browser, agent.email, agent.password);

  // A customer writes to the linked number.
  await adminPage.request.post(`/__test/whatsapp/${channelId}/inbound`, {
    data: { id: '3EB0E2E0000000000001', from: '628555000111', name: 'Rudi', text: 'Halo, dari WhatsApp asli' },
  });
  const item = queueItem(page, 'Rudi');
  await expect(item).toBeVisible();
  await expect(item.getByTestId('queue-item-channel')).toContainText('Sales');
  await item.getByTestId('claim-button').click();
  await expect(page.getByTestId('chat-pane')).toHaveAttribute('data-status', 'assigned');

  await page.getByTestId('reply-input').fill('Siap Pak Rudi, kami bantu.');
  await page.getByTestId('reply-input').press('Enter');
  const bubble = page.locator('[data-testid="message"][data-sender="agent"]').filter({ hasText: 'Siap Pak Rudi' });
  await expect(bubble).toHaveAttribute('data-status', 'sent');

  // It left through that number's socket, to the customer's phone JID, with the text.
  let reply: SentOnWhatsApp | undefined;
  await expect
    .poll(async () => {
      reply = (await sentOnWhatsApp(adminPage, channelId!)).find((s) => s.content.text === 'Siap Pak Rudi, kami bantu.');
      return reply?.jid;
    })
    .toBe('628555000111@s.whatsapp.net');

  // Receipts from the phone move the tick, live.
  await adminPage.request.post(`/__test/whatsapp/${channelId}/receipt`, { data: { id: reply!.id, status: 'delivered' } });
  await expect(bubble).toHaveAttribute('data-status', 'delivered');
  await adminPage.request.post(`/__test/whatsapp/${channelId}/receipt`, { data: { id: reply!.id, status: 'read' } });
  await expect(bubble).toHaveAttribute('data-status', 'read');
});
