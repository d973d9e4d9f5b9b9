#!/usr/bin/env bash
# Stops the Kamailio started by start-kamailio.sh, by the PID in tools/sip/.run/kamailio.pid.
set -euo pipefail
exec node "$(dirname "$0")/kamailio.mjs" stop "$@"
