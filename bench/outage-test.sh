#!/usr/bin/env bash
# The database unreachable for 30 s during a burst of events: see fault-test.sh.
exec "$(dirname "$0")/fault-test.sh" outage
