import { readFileSync } from 'node:fs';

/**
 * The node flags `npm run serve` starts the server with (package.json `config.serverNodeFlags`):
 * the bench runs the server as it ships, and gives the floor's server the same runtime.
 */
export function shippedNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { config?: { serverNodeFlags?: string } };
  return (pkg.config?.serverNodeFlags ?? '').split(/\s+/).filter(Boolean);
}
