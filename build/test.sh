#!/usr/bin/env bash
# Runs every test of the solution. The fixtures start what the tests need themselves
# (dynalite from local/dynalite, installed with npm ci on first use), so nothing has to run beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH; install it (see README, Prerequisites)" >&2; exit 2; }
done

(cd local/dynalite && [ -f node_modules/dynalite/cli.js ] || npm ci --no-audit --no-fund)

dotnet test Ecommerce.sln --nologo "$@"
