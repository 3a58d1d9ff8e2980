#!/usr/bin/env bash
# The messaging benchmark of issue #4 (see run.ts). Raises the open-file limit first: the load
# client holds 10,000 connections, and so does the server; both inherit this shell's limit.
set -euo pipefail
cd "$(dirname "$0")/../.."
hard=$(ulimit -Hn)
want=30000
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want" || echo "could not raise the open-file limit (now $(ulimit -n)); 10,000 connections need about 10,100" >&2
exec node --import tsx bench/messaging/run.ts "$@"
