#!/usr/bin/env bash
# Every test of the solution, as CI runs it (.ci/run calls exactly this). Needs only what the machine image has: the
# .NET 10 SDK, the aws CLI (the simulator's conformance tests) and PostgreSQL 15's server binaries (the journal tests
# start a throwaway server of their own).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A hung test fails the run after 10 minutes instead of eating CI's budget.
dotnet test AmiOrchestrator.sln --configuration Release --blame-hang-timeout 10m
