#!/usr/bin/env bash
# A node killed with SIGKILL during a burst of events and timers, then restarted: see fault-test.sh.
exec "$(dirname "$0")/fault-test.sh" kill
