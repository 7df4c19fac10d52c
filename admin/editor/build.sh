#!/bin/sh
# Rebuilds admin/static/editor/ from the locked packages: ./build.sh
set -e
cd "$(dirname "$0")" && npm ci --no-audit --no-fund && node build.mjs
