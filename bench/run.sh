#!/usr/bin/env bash
# One command for the whole benchmark: builds Release, starts its own in-memory Azurite and a
# Release SelfHost process, measures everything in one run and prints one table (also written
# into bench/README.md). `bench/run.sh --quick` is a smoke run that leaves the README alone;
# `bench/run.sh --only dispatch` (or comments, moderation) runs one row group into its own README block.
set -euo pipefail
cd "$(dirname "$0")/.."
SETUP_CHROMIUM=0 source scripts/setup.sh

dotnet build src/BlogFunctions.SelfHost -c Release -nologo -v quiet
dotnet build bench/BlogFunctions.Bench -c Release -nologo -v quiet
# Both apps as they are deployed: published, with ReadyToRun code (their .csproj files say why).
dotnet publish src/BlogFunctions.SelfHost -c Release -nologo -v quiet -o bench/out/selfhost
dotnet publish src/BlogFunctions -c Release -nologo -v quiet -o bench/out/functions
dotnet publish bench/BareKestrel -c Release -nologo -v quiet -o bench/out/bare
dotnet publish bench/BareFunctions -c Release -nologo -v quiet -o bench/out/bare-functions
export BENCH_SELFHOST_DIR="$PWD/bench/out/selfhost" BENCH_BARE_DIR="$PWD/bench/out/bare" BENCH_BARE_FUNCTIONS_DIR="$PWD/bench/out/bare-functions" BLOGFN_FUNCTIONS_APP_DIR="$PWD/bench/out/functions"
BENCH_SDK_VERSION="$(dotnet --version)" dotnet bench/BlogFunctions.Bench/bin/Release/net10.0/BlogFunctions.Bench.dll "$@"
