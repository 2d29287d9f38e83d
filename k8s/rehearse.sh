#!/usr/bin/env bash
# The production deployment rehearsed on this machine, without a cluster: each service and its Dapr sidecar
# as processes of their own, with the overlays' settings (identities from TLS-secret-shaped files of one CA,
# the management authority, Compliance asking the Registry by URL), one Redis as state store and broker, the Gaia-X
# onboarding across them, then a service killed and started again in the middle of a deferred issuance.
#   k8s/rehearse.sh [--redis HOST:PORT] [--work DIR]
# Without --redis it starts a throw-away redis-server (Debian: apt-get install redis-server) and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
redis_pid=""
cleanup() { if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [[ " $* " != *" --redis "* ]]; then
  command -v redis-server >/dev/null || { echo "rehearse: redis-server is not installed (apt-get install redis-server), or give --redis" >&2; exit 2; }
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
  redis_pid=$!
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  args+=(--redis "127.0.0.1:$port")
fi
dotnet build services/DevHost -c Release -v q -nologo >/dev/null
dotnet services/DevHost/bin/Release/net10.0/GaiaX.Oid4vc.DevHost.dll rehearse "${args[@]}"
