#!/usr/bin/env bash
# `npm test`: everything, in the order that fails fastest. Integration tests also run on
# PostgreSQL when DATABASE_URL is set.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
step() { printf '\n\033[1m== %s\033[0m\n' "$1"; }
step "type-check (strict)";   npx tsc --noEmit
step "lint";                  npx eslint --max-warnings=0 .
step "unit tests";            npx vitest run --project unit
step "integration tests";     npx vitest run --project integration
step "production build";      npm run build --silent
step "end-to-end (Chromium)"; bash scripts/ensure-chromium.sh && npx playwright test
