"""Many data files to many documents: in parallel over the cores, continuing past broken files."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from attrs import field, frozen

from ..errors import TryggaDocsError
from ..load import SUFFIXES


@frozen
class Failure:
    """A data file that could not be rendered, and why."""

    file: Path
    message: str


@frozen
class BatchResult:
    """What a batch wrote and what failed; ``ok`` only when nothing failed."""

    written: tuple[Path, ...] = field(factory=tuple)
    failed: tuple[Failure, ...] = field(factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.failed


def data_files(folder: str | Path) -> list[Path]:
    """The data files in a folder and its subfolders (.yaml, .yml, .toml, .json), sorted."""
    root = Path(folder)
    return sorted(p for p in root.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(root).parts))


def _render_one(path: Path, out_dir: Path, formats: tuple[str, ...],
                style: str | None) -> list[Path]:
    from ..api import render_file  # imported in the worker process
    return render_file(path, out_dir / path.stem, formats=formats, style=style)


def render_many(files: Sequence[Path], out_dir: str | Path, *, formats: Iterable[str] = ("docx",),
                style: str | None = None, workers: int | None = None,
                on_progress: Callable[[Path, list[Path] | None, str | None], None] | None = None,
                ) -> BatchResult:
    """Render every file into ``out_dir`` (``<stem>.<format>``), using ``workers`` processes.

    A file that fails is reported in the result and the others go on.
    """
    out_dir = Path(out_dir)
    formats = tuple(formats)
    workers = workers or os.cpu_count() or 1
    written: list[Path] = []
    failed: list[Failure] = []

    def record(path: Path, outputs: list[Path] | None, error: str | None) -> None:
        if outputs is not None:
            written.extend(outputs)
        else:
            failed.append(Failure(path, error or "unknown error"))
        if on_progress:
            on_progress(path, outputs, error)

    if workers == 1 or len(files) == 1:
        for path in files:
            try:
                record(path, _render_one(path, out_dir, formats, style), None)
            except TryggaDocsError as exc:
                record(path, None, str(exc))
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(files))) as pool:
            futures = {pool.submit(_render_one, path, out_dir, formats, style): path
                       for path in files}
            for future in as_completed(futures):
                path = futures[future]
                try:
                    record(path, future.result(), None)
                except TryggaDocsError as exc:
                    record(path, None, str(exc))
                except Exception as exc:  # noqa: BLE001 - a batch reports, it does not stop
                    record(path, None, f"{path}: unexpected {type(exc).__name__}: {exc}")
    return BatchResult(tuple(sorted(written)), tuple(sorted(failed, key=lambda f: f.file)))
