#!/usr/bin/env bash
# Adds a migration NAME for every database provider, so that both stay in step with the model.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet tool run dotnet-ef migrations add "$name" \
    --project "src/Legitka.Migrations.$provider" --startup-project "src/Legitka.Migrations.$provider" --output-dir Migrations
done
