"""Crime statistics from CSV files, as a statistics export gives them: one file of counts (*år*,
*brottskategori*, *antal*) and one of population (*år*, *folkmängd*), separated by ``;``, ``,`` or
tabs, with Swedish or English column names and spaces as thousands separators (``1 234``).

A bad file is one ``DataError`` with the CSV file, its row (``line``) and its column (``path``):

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "brott.csv").write_text("år;brottskategori;antal\\n2024;Misshandel;12a\\n")
>>> read_counts(folder / "brott.csv")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
trygga_docs.errors.DataError: ...brott.csv, line 2, at column 3 'antal': '12a' is not a whole number...
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from trygga_docs.errors import DataError, quote
from trygga_docs.structuring import raise_at

COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "counts": {"year": ("år", "ar", "year"),
               "category": ("brottskategori", "kategori", "brottstyp", "category"),
               "count": ("antal", "antal anmälda brott", "anmälda brott", "count")},
    "population": {"year": ("år", "ar", "year"),
                   "inhabitants": ("folkmängd", "folkmangd", "invånare", "befolkning", "population",
                                   "inhabitants")},
}
"""The columns each kind of file needs, by the names a header may give them (compared without
case)."""

MAX_BYTES = 5_000_000
"""A statistics file larger than this is not an export of one municipality's figures."""

_SPACES = re.compile(r"[\s\u00a0\u202f]")


def _cell_error(file: Path, row: int, column: int, header: str, message: str) -> DataError:
    return DataError(message, file=str(file), line=row, path=f"column {column} {quote(header)}")


def _number(text: str) -> int | None:
    """``1 234`` → 1234; None when it is not a whole number."""
    digits = _SPACES.sub("", text)
    return int(digits) if re.fullmatch(r"\d{1,12}", digits) else None


def _rows(file: Path, kind: str) -> list[tuple[int, dict[str, tuple[int, str, str]]]]:
    """Each data row as ``(row number, field → (column number, header, cell))``."""
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DataError(f"the file cannot be read ({exc.strerror})", file=str(file)) from None
    if len(data) > MAX_BYTES:
        raise DataError(f"the file is larger than {MAX_BYTES // 1_000_000} MB; a statistics export "
                        f"of one municipality is far smaller", file=str(file))
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DataError("the file is not UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)",
                        file=str(file), line=line) from None
    first = content.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)
    reader = csv.reader(io.StringIO(content), delimiter=delimiter)
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        raise DataError("the file is empty; its first row names the columns", file=str(file), line=1)
    names = [h.strip().casefold() for h in header]
    wanted = COLUMNS[kind]
    where: dict[str, tuple[int, str]] = {}
    for key, aliases in wanted.items():
        found = [i for i, name in enumerate(names) if name in aliases]
        if not found:
            raise DataError(f"the column {quote(aliases[0])} is missing; the first row must name the "
                            f"columns {', '.join(repr(a[0]) for a in wanted.values())} (it names "
                            f"{', '.join(repr(h.strip()) for h in header)})",
                            file=str(file), line=1, path=f"column {quote(aliases[0])}")
        where[key] = (found[0], header[found[0]].strip())
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        row = reader.line_num
        values: dict[str, tuple[int, str, str]] = {}
        for key, (index, name) in where.items():
            cell = cells[index].strip() if index < len(cells) else ""
            values[key] = (index + 1, name, cell)
        rows.append((row, values))
    return rows


def _whole(file: Path, row: int, cell: tuple[int, str, str], what: str, example: str) -> int:
    column, name, text = cell
    value = _number(text)
    if value is None:
        shown = quote(text) if text else "an empty cell"
        raise _cell_error(file, row, column, name, f"{shown} is not a whole number; write the "
                          f"{what} in digits, such as {example}")
    return value


def _year(file: Path, row: int, cell: tuple[int, str, str]) -> int:
    year = _whole(file, row, cell, "year", "2024")
    if not 1900 <= year <= 2200:
        raise _cell_error(file, row, cell[0], cell[1], f"{year} is not a year; write a year such as 2024")
    return year


def read_counts(file: Path) -> list[dict[str, Any]]:
    """The counts of a CSV file as data rows: ``{year, category, count}``."""
    out: list[dict[str, Any]] = []
    seen: dict[tuple[int, str], int] = {}
    for row, cells in _rows(file, "counts"):
        year = _year(file, row, cells["year"])
        column, name, category = cells["category"]
        if not category:
            raise _cell_error(file, row, column, name, "the offence category is empty")
        key = (year, category.casefold())
        if key in seen:
            raise _cell_error(file, row, cells["year"][0], cells["year"][1],
                              f"the count of {quote(category)} in {year} is given twice (also on "
                              f"row {seen[key]}); give each year and category once")
        seen[key] = row
        count = _whole(file, row, cells["count"], "number of reported offences", "134")
        out.append({"year": year, "category": category, "count": count})
    if not out:
        raise DataError("the file has no rows of counts below its header", file=str(file), line=2)
    return out


def read_population(file: Path) -> list[dict[str, Any]]:
    """The population of a CSV file as data rows: ``{year, inhabitants}``."""
    out: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    for row, cells in _rows(file, "population"):
        year = _year(file, row, cells["year"])
        if year in seen:
            raise _cell_error(file, row, cells["year"][0], cells["year"][1],
                              f"the year {year} is given twice (also on row {seen[year]}); give "
                              f"the population of each year once")
        seen[year] = row
        people = _whole(file, row, cells["inhabitants"], "number of inhabitants", "18 250")
        if people == 0:
            column, name, _ = cells["inhabitants"]
            raise _cell_error(file, row, column, name, f"the population of {year} is 0; rates per "
                              f"100 000 inhabitants are counted from it, so write the real number")
        out.append({"year": year, "inhabitants": people})
    return out


def _file_named(value: object, key: str, data_file: Path, lines: Mapping[str, int]) -> Path:
    """The CSV file ``value`` names, relative to the data file's folder and inside it."""
    if not isinstance(value, str) or not value.strip():
        raise_at("expected the name of a CSV file in quotes, such as 'statistik/brott.csv'", key,
                 str(data_file), lines)
    root = data_file.parent.resolve()
    given = Path(value.strip())
    target = (root / given).resolve()
    if given.is_absolute() or not target.is_relative_to(root):
        raise_at(f"{quote(value)} lies outside the data file's folder; give a path inside {root}",
                 key, str(data_file), lines)
    if not target.is_file():
        raise_at(f"{quote(value)} is not a file (looked for {target})", key, str(data_file), lines)
    return data_file.parent / given


def include_statistics(body: dict[str, Any], data_file: Path,
                       lines: Mapping[str, int]) -> dict[str, Any]:
    """A lägesbild's data with the CSV files of ``crime`` read into ``counts`` and ``population``.

    A count whose year has no population is reported at its row of the counts file.
    """
    crime = body.get("crime")
    if not isinstance(crime, dict):
        return body
    crime = dict(crime)
    files: dict[str, Path] = {}
    for key, target, reader in (("counts_file", "counts", read_counts),
                                ("population_file", "population", read_population)):
        if crime.get(key) is None:
            continue
        if crime.get(target):
            raise_at(f"give the {target} either in '{key}' or under '{target}', not both",
                     f"crime.{target}", str(data_file), lines)
        files[target] = _file_named(crime[key], f"crime.{key}", data_file, lines)
        crime[target] = reader(files[target])
    if "counts" in files and isinstance(crime.get("population"), list):
        years = {int(p["year"]) for p in crime["population"]
                 if isinstance(p, dict) and isinstance(p.get("year"), int)}
        for row, cells in _rows(files["counts"], "counts"):
            year = int(_SPACES.sub("", cells["year"][2]))
            if year not in years:
                column, name, _ = cells["year"]
                raise _cell_error(files["counts"], row, column, name,
                                  f"there is no population for {year}; the rate per 100 000 "
                                  f"inhabitants needs it (the population is given for "
                                  f"{', '.join(str(y) for y in sorted(years)) or 'no year'})")
    return {**body, "crime": crime}
