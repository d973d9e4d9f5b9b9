#!/usr/bin/env bash
# Starts the repo's Kamailio on 127.0.0.1 (a free port unless --port N), with digest auth (--auth),
# its PID file in tools/sip/.run/kamailio.pid. Prints "port=N pid=P ...". Stop with stop-kamailio.sh.
set -euo pipefail
exec node "$(dirname "$0")/kamailio.mjs" start "$@"
