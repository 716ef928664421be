#!/usr/bin/env bash
# Builds one service's image for Lambda, pushes it to the service's ECR repository (created when
# missing) and prints the image URI, for the CDK app's -c <service>Image=<uri>. See docs/containers.md.
#
#   build/push.sh <service> [x64|arm64]               build, push, print the URI
#   build/push.sh <service> [x64|arm64] --print-tag   print only the tag (needs git only)
#   build/push.sh <service> [x64|arm64] --dry-run     print the commands and the URI; runs no docker and no aws
#
# <service> is one of product, basket, ordering, inventory, payment.
#
# The tag is <commit>-<cpu>: the first 12 hex digits of the commit and x64 or arm64. An image is never
# pushed from uncommitted sources, since its tag would not say what is inside; --print-tag and --dry-run
# add "-dirty" to such a tag instead. Repositories have immutable tags, so a tag that is already there
# is the same image: the script prints its URI and builds nothing.
#
# Environment: AWS_REGION (or AWS_DEFAULT_REGION, or the AWS CLI's configured region); AWS_ACCOUNT_ID
# (otherwise asked of STS); ECR_REPOSITORY_PREFIX (default "ecommerce": repositories ecommerce/<service>).
# Everything but the URI goes to stderr, so URI=$(build/push.sh product) works.
set -euo pipefail

usage() {
  echo "usage: build/push.sh <product|basket|ordering|inventory|payment> [x64|arm64] [--print-tag|--dry-run]" >&2
  exit 2
}

# What goes into the image: the build context (.dockerignore lets only these in) and the Dockerfile.
image_inputs() {
  echo build services Directory.Build.props Directory.Packages.props global.json .editorconfig nuget.config "Dockerfile.$1"
}

image_tag() {
  local service=$1 arch=$2 commit
  commit=$(git rev-parse --short=12 HEAD)
  # shellcheck disable=SC2046 # one path per word, on purpose
  if [ -n "$(git status --porcelain --untracked-files=all -- $(image_inputs "$service") 2>/dev/null)" ]; then
    echo "$commit-$arch-dirty"
  else
    echo "$commit-$arch"
  fi
}

# Runs a command, or in a dry run only shows it.
run() {
  echo "+ $*" >&2
  [ "$dry_run" = true ] || "$@"
}

main() {
  local service="" arch="" mode=push
  for argument in "$@"; do
    case "$argument" in
      --print-tag) mode=print-tag ;;
      --dry-run) mode=dry-run ;;
      product | basket | ordering | inventory | payment) [ -z "$service" ] || usage; service=$argument ;;
      x64 | arm64) [ -z "$arch" ] || usage; arch=$argument ;;
      *) usage ;;
    esac
  done
  [ -n "$service" ] || usage
  arch=${arch:-x64}
  cd "$(dirname "$0")/.."

  local tag
  tag=$(image_tag "$service" "$arch")
  if [ "$mode" = print-tag ]; then
    echo "$tag"
    return
  fi

  dry_run=false
  [ "$mode" = dry-run ] && dry_run=true
  if [ "$dry_run" = false ] && [[ "$tag" == *-dirty ]]; then
    echo "error: $service has uncommitted changes ($(image_inputs "$service")); commit them, so the tag says what the image holds" >&2
    exit 1
  fi

  local region=${AWS_REGION:-${AWS_DEFAULT_REGION:-}}
  if [ -z "$region" ] && [ "$dry_run" = false ]; then
    region=$(aws configure get region || true)
  fi
  [ -n "$region" ] || { echo "error: set AWS_REGION to the region the stack deploys to" >&2; exit 2; }
  local account=${AWS_ACCOUNT_ID:-}
  if [ -z "$account" ]; then
    [ "$dry_run" = false ] || { echo "error: a dry run needs AWS_ACCOUNT_ID" >&2; exit 2; }
    account=$(aws sts get-caller-identity --query Account --output text)
  fi

  local partition=aws suffix=amazonaws.com
  case "$region" in
    cn-*) partition=aws-cn suffix=amazonaws.com.cn ;;
    us-gov-*) partition=aws-us-gov ;;
  esac
  local registry=$account.dkr.ecr.$region.$suffix
  local repository=${ECR_REPOSITORY_PREFIX:-ecommerce}/$service
  local uri=$registry/$repository:$tag
  local platform=linux/amd64
  [ "$arch" = arm64 ] && platform=linux/arm64

  if [ "$dry_run" = true ] || ! aws ecr describe-repositories --region "$region" --repository-names "$repository" >/dev/null 2>&1; then
    run aws ecr create-repository --region "$region" --repository-name "$repository" \
      --image-tag-mutability IMMUTABLE --image-scanning-configuration scanOnPush=true >/dev/null
    # Lambda pulls with its own service principal; only this account's functions may.
    run aws ecr set-repository-policy --region "$region" --repository-name "$repository" --policy-text \
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"LambdaECRImageRetrievalPolicy\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Condition\":{\"StringLike\":{\"aws:sourceArn\":\"arn:$partition:lambda:$region:$account:function:*\"}}}]}" >/dev/null
  fi

  if [ "$dry_run" = false ] && aws ecr describe-images --region "$region" --repository-name "$repository" --image-ids "imageTag=$tag" >/dev/null 2>&1; then
    echo "$uri is already pushed" >&2
    echo "$uri"
    return
  fi

  echo "+ aws ecr get-login-password --region $region | docker login --username AWS --password-stdin $registry" >&2
  if [ "$dry_run" = false ]; then
    aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry" >&2
  fi
  # One platform and no attestations: with them BuildKit pushes an OCI image index, which Lambda refuses
  # ("The image manifest, config or layer media type ... is not supported").
  run docker build --platform "$platform" --provenance=false --sbom=false -f "Dockerfile.$service" -t "$uri" . >&2
  run docker push "$uri" >&2
  echo "$uri"
}

# Everything runs from functions, so editing this file cannot derail a push already running.
main "$@"
exit
