#!/usr/bin/env bash
# Install what is needed, then run the whole test suite (LibreOffice tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pytest "$@"
