#!/usr/bin/env bash
# Every test of the solution, as CI runs it (.ci/run calls exactly this). Needs only what the machine image has: the
# .NET 10 SDK, the aws CLI (the simulator's conformance tests) and PostgreSQL 15's server binaries (the journal tests
# start a throwaway server of their own); it installs Debian's chromium itself when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The dashboard's browser test drives Debian's Chromium (Playwright never downloads a browser here). Installed once,
# about a minute; when it cannot be installed the browser test fails and says so.
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the dashboard's browser test..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "warning: chromium could not be installed; the browser test will fail" >&2
  fi
fi
# A hung test fails the run after 10 minutes instead of eating CI's budget.
dotnet test AmiOrchestrator.sln --configuration Release --blame-hang-timeout 10m
