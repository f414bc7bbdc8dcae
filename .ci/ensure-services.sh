#!/usr/bin/env bash
# Starts the supporting servers the tests need when they are not already running, then waits
# on a real connection (never a fixed sleep).
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # name port seconds
  local deadline=$((SECONDS + $3))
  until port_open "$2"; do
    if ((SECONDS > deadline)); then echo "$1 did not open port $2 within $3 s" >&2; return 1; fi
    read -r -t 0.2 <> <(:) || true
  done
  echo "$1 is up on port $2"
}

if port_open 5672; then
  echo "RabbitMQ is up on port 5672"
else
  echo "Starting RabbitMQ…"
  command -v rabbitmq-server >/dev/null || { apt-get update -qq && apt-get install -y -qq rabbitmq-server; }
  RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 ERL_EPMD_ADDRESS=127.0.0.1 rabbitmq-server -detached
  wait_for_port RabbitMQ 5672 90
fi

# Offline validation of compose files (chapter 02 on) uses Debian's docker-compose beside the
# docker CLI's `docker stack config`.
if ! command -v docker-compose >/dev/null; then
  echo "Installing docker-compose (Debian)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose
fi
command -v docker >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; }

# Chapter 07's metrics tests run Debian's real Prometheus on loopback (started by the test itself).
if ! command -v prometheus >/dev/null; then
  echo "Installing prometheus (Debian)…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus
fi
