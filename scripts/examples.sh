#!/usr/bin/env bash
# Install what is needed, then render every bundled example, as Word and PDF, in every bundled
# house style, into out/<style>/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for style in $(.venv/bin/python -c "from trygga_docs.style import bundled_styles; print(*bundled_styles())"); do
  .venv/bin/trygga-docs batch examples --out "out/$style" --format docx,pdf --style "$style"
  # the rest of the meeting cycle for the example year: notices, extracts and the action register
  .venv/bin/trygga-docs batch examples/trygghetsutskottet-2025 --out "out/$style" --format docx,pdf \
    --style "$style" --document notice,extract,register
done
echo "examples: open the files under out/"
