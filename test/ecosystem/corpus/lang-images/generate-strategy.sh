#!/usr/bin/env bash
# Prints the build matrix for CI as one line of JSON.
set -Eeuo pipefail
dirs=$(find . -name Dockerfile -not -path './.git/*' -printf '%h\n' | sort)
jq -cn --arg dirs "$dirs" '{ "fail-fast": false, matrix: { include: ($dirs | split("\n") | map({ name: ., os: "ubuntu-latest", runs: { build: ("docker build " + .), test: "true" } })) } }'
