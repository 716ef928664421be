#!/usr/bin/env bash
# What the local stack, the tests and the benchmarks need beyond the .NET SDK and Node.js, installed
# with apt-get when this runs as root on Debian or Ubuntu, or else named in one line to install by hand.
#
#   build/prerequisites.sh java     Java 17 or later, for DynamoDB Local
#
# Other scripts source this file for apt_install and ensure_java.

# apt_install <what needs them> <package>...
apt_install() {
  local why=$1
  shift
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "error: $why needs $*; install it first (e.g. sudo apt-get install -y $*)" >&2
    exit 3
  fi
  echo "installing $* ($why needs it)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y --no-install-recommends "$@" >/dev/null; } \
    || { echo "error: apt-get install -y $* failed" >&2; exit 3; }
}

# The major version of the java on PATH, or nothing.
java_major() {
  command -v java >/dev/null || return 0
  java -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p'
}

# DynamoDB Local is a Java program: Java 17 or later.
ensure_java() {
  local major
  major=$(java_major)
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    apt_install "DynamoDB Local" openjdk-17-jre-headless
    major=$(java_major)
    [ -n "$major" ] && [ "$major" -ge 17 ] \
      || { echo "error: DynamoDB Local needs Java 17 or later on PATH; found ${major:-none}" >&2; exit 3; }
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    java) ensure_java ;;
    *) echo "usage: build/prerequisites.sh java" >&2; exit 2 ;;
  esac
fi
