#!/usr/bin/env bash
# CI: chapter 02 on a real single-node Docker Swarm (scripts/swarm/README.md). Installs and starts
# the Docker engine when needed (root), builds the cached base image on the first run, deploys,
# checks, scales, rolls an update under load, records container footprints and tears it all down.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_UPDATE_NOTIFIER=1 npm_config_fund=false npm_config_audit=false FORCE_COLOR="${FORCE_COLOR:-1}"

printf '\n\033[1;36m== %s\033[0m\n' "Chapter 02 on Docker Swarm (npm run test:swarm)"
started=$SECONDS
npm run test:swarm
echo "test:swarm took $((SECONDS - started)) s"
