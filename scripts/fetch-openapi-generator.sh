#!/usr/bin/env bash
# Puts the openapi-generator CLI JAR where the npm wrapper looks for it, <storageDir>/<version>.jar,
# using Maven (the wrapper's own download does not work where only package registries are reachable).
# Used by the SDK's generate script, by .ci/run and by developers. Does nothing when the JAR is there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sdk="$root/packages/sdk"
config="$sdk/openapitools.json"
version="$(node -p "require('$config')['generator-cli'].version")"
storage_dir="$(node -p "require('$config')['generator-cli'].storageDir")"
storage="$(cd "$sdk" && mkdir -p "$storage_dir" && cd "$storage_dir" && pwd)"
jar="$storage/$version.jar"

if [ -s "$jar" ]; then
  exit 0
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "fetch-openapi-generator: Maven (mvn) is needed to fetch openapi-generator-cli $version into $storage" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
echo "fetch-openapi-generator: fetching openapi-generator-cli $version with Maven" >&2
mvn -q -B dependency:copy \
  -Dartifact="org.openapitools:openapi-generator-cli:$version:jar" \
  -DoutputDirectory="$tmp"
mv "$tmp/openapi-generator-cli-$version.jar" "$jar"
echo "fetch-openapi-generator: $jar" >&2
