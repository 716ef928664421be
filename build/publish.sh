#!/usr/bin/env bash
# Publishes one service as the images and CI run it: Native AOT for Linux, trimmed, invariant
# globalization, zero AOT/trim warnings (warnings are errors), into artifacts/publish/<service>/linux-<arch>/.
#
#   build/publish.sh <product|basket|ordering|inventory|payment> [x64|arm64]
#   build/publish.sh --toolchain [x64|arm64]     only make sure the native toolchain is there
#
# Native AOT links with clang. When it is missing the script installs it with apt-get if it runs as
# root on a Debian or Ubuntu machine, and otherwise stops and says what to install.
set -euo pipefail

usage() {
  echo "usage: build/publish.sh <product|basket|ordering|inventory|payment> [x64|arm64]" >&2
  echo "       build/publish.sh --toolchain [x64|arm64]" >&2
  exit 2
}

host_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

# apt_install, shared with the other scripts that install what they need.
# shellcheck source=build/prerequisites.sh
source "$(dirname "${BASH_SOURCE[0]}")/prerequisites.sh"

# clang compiles and links the native executable; zlib1g-dev is what the .NET prerequisites list beside it.
ensure_toolchain() {
  local arch=$1
  if ! command -v clang >/dev/null \
    || { command -v dpkg-query >/dev/null && ! dpkg-query -W -f='${Status}' zlib1g-dev 2>/dev/null | grep -q 'ok installed'; }; then
    apt_install "Native AOT" clang zlib1g-dev
  fi

  # Cross-compiling (the .NET cross-compile docs): clang targets the other CPU itself, but links
  # against that CPU's C runtime objects with its binutils, which the GNU cross packages bring from
  # the host's own archive; llvm-objcopy strips a binary of either CPU. zlib ships inside .NET.
  if [ "$arch" != "$(host_arch)" ]; then
    local triple=aarch64-linux-gnu debian_arch=arm64
    [ "$arch" = x64 ] && triple=x86_64-linux-gnu debian_arch=amd64
    if ! command -v "$triple-ld.bfd" >/dev/null || [ ! -f "/usr/$triple/lib/Scrt1.o" ]; then
      apt_install "Native AOT for $arch" "gcc-${triple//_/-}" "binutils-${triple//_/-}" "libc6-dev-$debian_arch-cross"
    fi
    command -v llvm-objcopy >/dev/null || apt_install "Native AOT for $arch" llvm
  fi
}

main() {
  [ $# -ge 1 ] && [ $# -le 2 ] || usage
  local service=$1 arch=${2:-x64}
  case "$arch" in x64 | arm64) ;; *) usage ;; esac
  cd "$(dirname "$0")/.."

  if [ "$service" = --toolchain ]; then
    ensure_toolchain "$arch"
    return
  fi

  local project
  case "$service" in
    product) project=services/Product/Product.csproj ;;
    basket) project=services/Basket/Basket.csproj ;;
    ordering) project=services/Ordering/Ordering.csproj ;;
    inventory) project=services/Inventory/Inventory.csproj ;;
    payment) project=services/Payment/Payment.csproj ;;
    *) usage ;;
  esac
  [ -f "$project" ] || { echo "error: $project does not exist" >&2; exit 2; }
  command -v dotnet >/dev/null || { echo "error: 'dotnet' is not on PATH" >&2; exit 2; }

  # Publishes share artifacts/aot and apt's lock, so they take turns (tests and benchmarks may call
  # this script at the same time).
  mkdir -p artifacts
  if command -v flock >/dev/null; then
    exec 9>artifacts/.publish.lock
    flock 9
  fi
  ensure_toolchain "$arch"

  local rid=linux-$arch
  local out=artifacts/publish/$service/$rid
  local start=$SECONDS
  rm -rf "$out"
  # Its own artifacts folder: a publish never shares obj/ (and its restore) with the Debug builds
  # and test runs going on in the same checkout.
  dotnet publish "$project" \
    --nologo \
    -c Release \
    -r "$rid" \
    --artifacts-path "artifacts/aot/$rid" \
    -o "$out" \
    -p:PublishAot=true \
    -p:InvariantGlobalization=true \
    -p:StripSymbols=true \
    -p:DebugType=none \
    -p:TreatWarningsAsErrors=true

  # Configuration for Development only, and the symbols stripped out of the binary, are not shipped.
  rm -f "$out"/*.dbg "$out"/*.pdb "$out"/appsettings.Development.json
  # The binary's time says when it was published: an incremental publish that skips the link copies
  # it with the older time of that link, and the smoke tests compare it with the sources' times.
  touch "$out/$(basename "$project" .csproj)"
  echo "publish: $service $rid in $((SECONDS - start)) s -> $out ($(du -sh "$out" | cut -f1))"
}

# Everything runs from functions, so editing this file cannot derail a publish already running.
main "$@"
exit
