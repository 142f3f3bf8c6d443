// Preloaded into the server under test (`node --import ./bench/lib/server-probe.mjs dist/server/index.mjs`)
// when the bench starts it with an IPC channel. Answers { type: 'bench:sample' } with the main
// thread's event-loop utilisation, event-loop delay and GC pauses. Changes nothing else.
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  let gcMs = 0;
  let gcCount = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount += 1;
    }
  }).observe({ entryTypes: ['gc'] });

  process.on('message', (message) => {
    if (!message || message.type !== 'bench:sample') return;
    const elu = performance.eventLoopUtilization();
    process.send({
      type: 'bench:sample',
      id: message.id,
      eluActiveMs: elu.active,
      eluIdleMs: elu.idle,
      gcMs,
      gcCount,
      delayP99Ms: delay.count ? delay.percentile(99) / 1e6 : 0,
      delayMaxMs: delay.count ? delay.max / 1e6 : 0,
    });
    if (message.reset) delay.reset();
  });
  process.channel?.unref();
}
