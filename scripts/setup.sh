#!/usr/bin/env bash
# Install what trygga_docs needs on a fresh Debian/Ubuntu machine (or check it on macOS):
#   system: LibreOffice Writer (PDF), its Python bridge, the fonts the templates use, Graphviz
#           (organisation charts), poppler-utils (gallery pictures);
#   Python: a virtual environment in .venv with the package (editable) and its test tools.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(libreoffice-writer-nogui python3-uno fonts-liberation fonts-crosextra-carlito
              fonts-crosextra-caladea graphviz poppler-utils)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
elif [ "$(uname)" = "Darwin" ]; then
  command -v soffice >/dev/null || [ -x /Applications/LibreOffice.app/Contents/MacOS/soffice ] \
    || { echo "setup: install LibreOffice: brew install --cask libreoffice"; exit 1; }
  command -v dot >/dev/null || { echo "setup: install Graphviz: brew install graphviz"; exit 1; }
else
  echo "setup: install LibreOffice Writer, Graphviz and the Liberation/Carlito/Caladea fonts with your package manager" >&2
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import trygga_docs" || { echo "setup: the package did not install" >&2; exit 1; }
echo "setup: ready (.venv)"
