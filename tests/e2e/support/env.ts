// What the end-to-end server is started with, and what the tests sign in with.
export const E2E = {
  adminEmail: 'admin@e2e.loket',
  adminPassword: 'admin-pass-e2e-1',
  webhookSecret: 'e2e-webhook-secret',
  agentPassword: 'agent-pass-e2e-1',
} as const;
