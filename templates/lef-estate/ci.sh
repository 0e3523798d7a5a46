#!/usr/bin/env bash
# CI for the estate: the build runs every LEF rule; emit --check fails when deploy/ is not what the Topology gives.
# Run it on the merge result: two branches that each took the same next free VIP merge cleanly and fail here.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore
dotnet build Topology/Topology.csproj -nologo
dotnet lef emit --check
