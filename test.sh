#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: builds the solution, then runs each test project.
# The simulator's conformance tests drive the installed AWS CLI (`aws`), which is part of the machine image.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Nothing under test may reach outside loopback, the EC2 instance metadata service included.
export AWS_EC2_METADATA_DISABLED=true

if ! command -v aws >/dev/null 2>&1; then
    echo "test.sh: the AWS CLI (aws) is needed by the simulator conformance tests and was not found on PATH" >&2
    exit 1
fi

dotnet build AmiOrchestrator.sln --configuration Release
# A hung test fails the run after 10 minutes instead of eating CI's budget.
dotnet test AmiOrchestrator.sln --configuration Release --no-build --blame-hang-timeout 10m
