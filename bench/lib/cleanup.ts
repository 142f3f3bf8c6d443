/** Things to undo (stop the server, drop the database), last registered first, also on Ctrl-C. */
const stack: { label: string; fn: () => Promise<unknown> }[] = [];

export function defer(label: string, fn: () => Promise<unknown>) {
  const entry = { label, fn };
  stack.push(entry);
  return async () => {
    const i = stack.indexOf(entry);
    if (i === -1) return;
    stack.splice(i, 1);
    await fn().catch((error: Error) => console.error(`cleanup (${label}): ${error.message}`));
  };
}

export async function runDeferred() {
  while (stack.length) {
    const { label, fn } = stack.pop() as (typeof stack)[number];
    await fn().catch((error: Error) => console.error(`cleanup (${label}): ${error.message}`));
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up …`);
    void runDeferred().finally(() => process.exit(130));
  });
}
