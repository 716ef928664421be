#!/usr/bin/env bash
# The storefront's budget (issue 18): what a first visit to the catalogue transfers (target ≤ 3 MB, as served:
# compressed) and when its first product link is on the page (target ≤ 2 s), medians of N visits in Debian's
# Chromium, each with an empty cache, against the published storefront behind local/Gateway. Loopback only.
#
#   bench/storefront/run.sh [runs]      runs: 1-50, default 9; about 3 minutes once built
#
# The services, DynamoDB Local and LocalCloud run as the app host starts them (its own gateway on :8000 serves
# the Debug build and is not measured); a second gateway on :8010 serves the Release publish, as CloudFront would.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-9}

[ -x /usr/bin/chromium ] || { echo "error: Chromium is missing: apt-get install -y chromium" >&2; exit 2; }
for port in 4566 8000 8001 8010; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "error: port $port is taken: stop the app host first" >&2; exit 2; }
done

out=artifacts/bench/storefront
mkdir -p "$out"
dotnet publish web/Storefront -c Release -o artifacts/publish/storefront --nologo -v q -clp:ErrorsOnly
dotnet build local/AppHost --nologo -v q -clp:ErrorsOnly
dotnet build local/Gateway -c Release --nologo -v q -clp:ErrorsOnly
dotnet build bench/storefront -c Release --nologo -v q -clp:ErrorsOnly

stack=
gateway=
stop() {
  if [ -n "$gateway" ]; then kill "$gateway" 2>/dev/null || true; fi
  # Told to stop, the app host ends what it started (the services, LocalCloud, DynamoDB Local).
  if [ -n "$stack" ]; then kill -TERM "$stack" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  # DCP ends the services a little after the app host itself: wait, so that a next run finds the ports free.
  for _ in $(seq 60); do (exec 3<>/dev/tcp/127.0.0.1/8001) 2>/dev/null || break; sleep 1; done
}
trap stop EXIT

dotnet run --project local/AppHost --no-build >"$out/apphost.log" 2>&1 &
stack=$!
gateway_build="$PWD/local/Gateway/bin/Release/net10.0"
ASPNETCORE_ENVIRONMENT=Production dotnet "$gateway_build/Gateway.dll" --contentRoot "$gateway_build" \
  --urls http://localhost:8010 --webroot "$PWD/artifacts/publish/storefront/wwwroot" >"$out/gateway.log" 2>&1 &
gateway=$!

deadline=$((SECONDS + 300))
until curl -fs -o /dev/null http://localhost:8001/health/ready && curl -fs -o /dev/null http://localhost:8010/config.json; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "error: the stack did not start within 300 s; see $out/apphost.log and gateway.log" >&2; exit 1; }
  sleep 1
done

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, $(chromium --version 2>/dev/null), load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/storefront/bin/Release/net10.0/StorefrontBudget.dll http://localhost:8010/ http://localhost:4566/ "$runs"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
