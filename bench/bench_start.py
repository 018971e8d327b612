"""Benchmark: how long the ``trygga-docs`` command takes to start, against a bare Python baseline.

    .venv/bin/python bench/bench_start.py              # 15 runs of each quick command, 5 with PDF
    .venv/bin/python bench/bench_start.py --runs 31    # steadier medians
    .venv/bin/python bench/bench_start.py --no-pdf     # skip the run that starts LibreOffice

Every row is a fresh process, timed from start to exit (wall clock), and compared with the same
baseline, ``python -c "import click, yaml, attrs"``: the least any command of ours can cost.

1. ``trygga-docs --help``: start-up alone (the target is at most twice the baseline);
2. ``trygga-docs render`` of the Höör agreement to DOCX;
3. the same to DOCX and PDF (starts one LibreOffice, converts, checks the PDF, stops it).

The commands run in alternating rounds (one of each per round), so a machine that slows down for a
minute slows every row alike; the table gives the median, the spread (lowest and highest run) and
the median's ratio to the baseline's median. Set PYTHONPATH to time another source tree with the
same interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "examples" / "hoor" / "samverkansoverenskommelse.yaml"
BASELINE = [sys.executable, "-c", "import click, yaml, attrs"]


def _command() -> list[str]:
    """The ``trygga-docs`` script installed beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("trygga-docs")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "trygga_docs"]


def _time(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{done.stderr.decode(errors='replace')}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each quick command")
    parser.add_argument("--pdf-runs", type=int, default=5, help="runs of the DOCX+PDF render")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the DOCX+PDF render")
    args = parser.parse_args()

    cmd = _command()
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        rows: dict[str, tuple[list[str], int]] = {
            'python -c "import click, yaml, attrs"': (BASELINE, args.runs),
            "trygga-docs --help": (cmd + ["--help"], args.runs),
            "render agreement --format docx": (
                cmd + ["render", str(AGREEMENT), "--out", f"{tmp}/docx/avtal", "--format",
                       "docx"], args.runs),
        }
        if not args.no_pdf:
            rows["render agreement --format docx,pdf"] = (
                cmd + ["render", str(AGREEMENT), "--out", f"{tmp}/pdf/avtal", "--format",
                       "docx,pdf"], args.pdf_runs)
        for argv, _ in rows.values():  # warm the file cache (and LibreOffice's profile cache)
            _time(argv)
        times: dict[str, list[float]] = {name: [] for name in rows}
        for round_ in range(max(n for _, n in rows.values())):
            for name, (argv, runs) in rows.items():
                if round_ < runs:
                    times[name].append(_time(argv))

    base = statistics.median(times['python -c "import click, yaml, attrs"'])
    print(f"{'command':<42} {'runs':>4} {'median s':>9} {'spread s':>15} {'× baseline':>10}")
    for name, values in times.items():
        median = statistics.median(values)
        spread = f"{min(values):.3f}–{max(values):.3f}"
        print(f"{name:<42} {len(values):>4} {median:>9.3f} {spread:>15} {median / base:>10.2f}")
    print(f"\n{sys.executable}, {sys.version.split()[0]}; every row a fresh process")


if __name__ == "__main__":
    main()
