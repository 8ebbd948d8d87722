#!/usr/bin/env bash
# The README's run command: install what is missing, build, and start Jinguo
# on your database — or on a demo database when you have none yet.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
exec ./build/jinguo --demo-if-new "$@"
