"""Benchmark: minnesanteckningar through the batch against plain docxtpl.

    .venv/bin/python bench/bench_meetings.py            # 100 and 1,000 documents
    .venv/bin/python bench/bench_meetings.py --sizes 50 --input json
    .venv/bin/python bench/bench_meetings.py --sizes 1000 --steady 10000   # + flat memory, steady rate

Generates invented meeting files (about five pages of minutes each) and measures, for each size:

* **batch**: ``trygga_docs.batch.render_many`` over a folder of meeting files, DOCX, all
  cores (``--workers``): loading, checking, § numbering, context and Word, as a user runs it;
* **plain docxtpl** (the baseline): the same template rendered by docxtpl in a loop with the
  contexts made beforehand, one ``DocxTemplate`` per document, in one process.

Each run happens in a fresh Python process, so its peak memory is its own: the runner reads
``resource.getrusage`` in that process (``RUSAGE_SELF`` for the main process, ``RUSAGE_CHILDREN``
after the pool has shut down for the largest worker; Linux reports kilobytes). The batch's total
is given as main + workers × largest worker, an upper bound of what its processes held at once.
This is a measurement, not a test: it prints a table and the targets of issue 3.

``--steady N`` also runs the batch alone on N documents (10,000 for issue 11; plain docxtpl is left
out, it would take minutes) and prints its peak memory against the 1,000-document batch (target
≤ 1.2×) and its rate in each tenth of the run (steady: the slowest tenth near the fastest).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREVIEW = False

FIRST = ["Anna", "Bo", "Cecilia", "David", "Elin", "Fredrik", "Gunilla", "Hassan", "Ingrid", "Jonas",
         "Karin", "Leila", "Magnus", "Nora", "Olof", "Petra", "Rasmus", "Sara", "Tove", "Ulf"]
LAST = ["Ek", "Lind", "Ros", "Åberg", "Sjögren", "Holm", "Berg", "Strand", "Dahl", "Nyström",
        "Karimi", "Müller", "Lund", "Wikström", "Haddad", "Björk"]
ROLES = ["säkerhetschef", "kommunpolis", "fältsekreterare", "socialchef", "räddningschef",
         "rektor", "fritidschef", "kommundirektör", "trygghetssamordnare", "bostadsbolagets VD",
         "ordförande i socialnämnden", "kommunstyrelsens ordförande", "folkhälsostrateg",
         "samhällsbyggnadschef"]
TOPICS = ["Lägesbild från polisen", "Trygghetsvandring i centrum", "Belysning i gångtunnlarna",
          "Sommarlovsaktiviteter", "Skadegörelse på skolorna", "Medborgarlöften",
          "Trygghetsmätning", "Nattvandring", "Kameraövervakning vid resecentrum",
          "Krisberedskap", "Föreningsbidrag", "Handlingsplan mot våldsbejakande extremism",
          "Buskörning med moped", "Nedskräpning i parkerna", "Samverkan med bostadsbolaget"]
SUBJECTS = ["Polisen", "Säkerhetschefen", "Fältsekreterarna", "Bostadsbolaget", "Skolan",
            "Räddningstjänsten", "Socialförvaltningen", "Föreningarna", "Rådet"]
VERBS = ["redovisar", "beskriver", "följer upp", "lyfter", "har kartlagt", "föreslår åtgärder mot",
         "diskuterar", "planerar för"]
OBJECTS = ["lägesbilden i centrum kvällstid", "anmälningarna om skadegörelse under hösten",
           "tryggheten vid resecentrum", "belysningen längs gångvägarna",
           "ungdomarnas fritid under loven", "samarbetet med föreningarna",
           "resultatet av den senaste trygghetsmätningen", "kostnaderna för klotter och sanering",
           "närvaron av vuxna på helgerna", "behovet av fler nattvandrare"]
TAILS = ["Rådet tackar för informationen.", "Frågan tas upp igen vid nästa möte.",
         "Arbetet fortsätter enligt plan.", "Synpunkterna tas med i det fortsatta arbetet.",
         "En uppföljning görs efter sommaren.", "Rådet ställer sig bakom inriktningen."]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."


def make_meeting(i: int, *, items: int = 14) -> dict:
    """One invented meeting of an invented council, about five pages of minnesanteckningar."""
    rng = random.Random(i)
    people = []
    names = set()
    while len(people) < 14:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in names:
            names.add(name)
            people.append({"name": name, "role": ROLES[len(people) % len(ROLES)],
                           "organisation": "Exempelby kommun"})
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    agenda = []
    for n in range(items):
        matter = [" ".join(_sentence(rng) for _ in range(rng.randint(4, 6))),
                  " ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) + " " + rng.choice(TAILS)]
        item = {"title": TOPICS[(i + n) % len(TOPICS)], "presenters": [rng.choice(people)["name"]],
                "matter": matter}
        if n % 2 == 0:
            item["actions"] = [{"owner": rng.choice(people)["name"],
                                "task": f"följa upp {rng.choice(OBJECTS)}",
                                "due": f"{2025 + (month == 12)}-{month % 12 + 1:02d}-15"}]
        agenda.append(item)
    return {"type": "meeting", "issuer": "Exempelby kommun",
            "body": f"Trygghetsrådet {1 + i // 336}",
            "kind": "minnesanteckningar", "marking": "EXEMPEL – påhittade personer",
            "date": f"2025-{month:02d}-{day:02d}", "start": "13.00", "end": "15.30",
            "place": "Kommunhuset, sammanträdesrum Ljungen", "participants": people,
            "secretary": people[0]["name"], "items": agenda}


def write_inputs(folder: Path, count: int, fmt: str) -> list[Path]:
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        data = make_meeting(i)
        path = folder / f"möte-{i:04d}.{fmt}"
        if fmt == "json":
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# The measured runs, each in its own process (``--child``)


def _peak_kb(who: int) -> int:
    return resource.getrusage(who).ru_maxrss  # kilobytes on Linux


def preview_c_yaml() -> None:
    """Swap in, for this process and the workers it forks, the ``read_data`` proposed for
    ``trygga_docs/loader.py``: libyaml's parser with the same resolvers, composed once (the shipped
    one parses every file twice in pure Python). Same data and line map; only for --preview-c-yaml.
    """
    import yaml

    import trygga_docs  # noqa: F401 - the package binds the name 'load' to the function
    loading = sys.modules["trygga_docs.loader"]

    class CLoader(yaml.CSafeLoader):
        pass

    CLoader.yaml_implicit_resolvers = loading._YamlLoader.yaml_implicit_resolvers
    shipped = loading.read_data

    def read_data(path):  # type: ignore[no-untyped-def]
        path = Path(path)
        if path.suffix.lower() not in (".yaml", ".yml"):
            return shipped(path)
        text = path.read_bytes().decode("utf-8-sig")
        loader = CLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node)
        finally:
            loader.dispose()
        lines: dict[str, int] = {}
        loading._yaml_lines(node, "", lines)
        return data, lines

    loading.read_data = read_data


def child_batch(folder: Path, out: Path, workers: int) -> dict:
    from trygga_docs.batch import data_files, render_many

    files = data_files(folder)
    done: list[float] = []  # when each document was written

    def progress(path: Path, written: list[Path] | None, error: str | None) -> None:
        done.extend(time.perf_counter() for _ in written or ())

    start = time.perf_counter()
    result = render_many(files, out, workers=workers, on_progress=progress)
    elapsed = time.perf_counter() - start
    assert result.ok, result.failed[:3]
    return {"documents": len(result.written), "seconds": elapsed,
            "main_kb": _peak_kb(resource.RUSAGE_SELF),
            "worker_kb": _peak_kb(resource.RUSAGE_CHILDREN), "workers": workers,
            "tenths": _tenths(start, done)}


def _tenths(start: float, done: list[float]) -> list[float]:
    """Documents per second in each tenth of the documents (by order of completion)."""
    if len(done) < 10:
        return []
    cuts = [start] + [done[len(done) * i // 10 - 1] for i in range(1, 11)]
    step = len(done) / 10
    return [step / max(b - a, 1e-9) for a, b in zip(cuts, cuts[1:])]


def child_plain(folder: Path, out: Path) -> dict:
    from docxtpl import DocxTemplate

    from trygga_docs.context import prepare
    from trygga_docs.context.common import house_context
    from trygga_docs.loader import load
    from trygga_docs.model.meeting_series import documents
    from trygga_docs.word.docx import _rich, set_properties
    from trygga_docs.style import load_style

    style = load_style()
    ready = []
    for path in sorted(folder.iterdir()):
        document = documents(load(path).series, "minutes")[0]
        prepared = prepare(document, style)
        ready.append(({"house": house_context(style), **prepared.context}, prepared.properties))
    template = str(style.template("minutes"))
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, (context, properties) in enumerate(ready):
        doc = DocxTemplate(template)
        doc.render(_rich(context, doc), autoescape=True)
        set_properties(doc, properties)
        doc.save(str(out / f"{i:04d}.docx"))
    elapsed = time.perf_counter() - start
    return {"documents": len(ready), "seconds": elapsed, "main_kb": _peak_kb(resource.RUSAGE_SELF),
            "worker_kb": 0, "workers": 1}


def run_child(kind: str, folder: Path, out: Path, workers: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run([sys.executable, __file__, "--child", kind, str(folder), str(out),
                           str(workers)], capture_output=True, text=True, check=False,
                          env={**os.environ, **({"BENCH_PREVIEW_C_YAML": "1"} if PREVIEW else {})})
    if proc.returncode:
        raise SystemExit(f"{kind} run failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated document counts")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--input", choices=("yaml", "json"), default="yaml",
                        help="format of the generated meeting files (default yaml)")
    parser.add_argument("--keep", type=Path, help="keep the generated files and output here")
    parser.add_argument("--preview-c-yaml", action="store_true",
                        help="measure with the C-parser read_data proposed for load.py "
                             "(not the shipped loader; labelled in the output)")
    parser.add_argument("--steady", type=int, metavar="N",
                        help="also run the batch alone on N documents (e.g. 10000): peak memory "
                             "against the 1,000-document batch, rate per tenth of the run")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, folder, out, workers = args.child
        if os.environ.get("BENCH_PREVIEW_C_YAML"):
            preview_c_yaml()
        result = (child_batch(Path(folder), Path(out), int(workers)) if kind == "batch"
                  else child_plain(Path(folder), Path(out)))
        print(json.dumps(result))
        return

    global PREVIEW
    PREVIEW = args.preview_c_yaml
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-meetings-"))
    rows = []
    try:
        for size in sizes:
            folder = work / f"in-{size}"
            write_inputs(folder, size, args.input)
            batch = run_child("batch", folder, work / f"batch-{size}", args.workers)
            plain = run_child("plain", folder, work / f"plain-{size}", 1)
            rows.append((size, batch, plain))
        if args.steady:
            folder = work / f"in-{args.steady}"
            write_inputs(folder, args.steady, args.input)
            steady = run_child("batch", folder, work / f"batch-{args.steady}", args.workers)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    def mb(kb: float) -> str:
        return f"{kb / 1024:7.1f}"

    loader = " read by the PROPOSED C-parser loader (--preview-c-yaml)" if PREVIEW else ""
    print(f"\nminnesanteckningar, ~5 pages each, {args.input} input{loader}, batch on "
          f"{args.workers} worker process(es); plain docxtpl in one process with contexts made "
          f"beforehand\n")
    print(f"{'docs':>6} | {'batch docs/s':>12} | {'plain docs/s':>12} | {'ratio':>5} | "
          f"{'batch main MB':>13} | {'largest worker MB':>17} | {'batch total MB':>14} | "
          f"{'plain MB':>8}")
    print("-" * 111)
    totals = {}
    for size, batch, plain in rows:
        b_rate = batch["documents"] / batch["seconds"]
        p_rate = plain["documents"] / plain["seconds"]
        total = batch["main_kb"] + batch["workers"] * batch["worker_kb"]
        totals[size] = total
        print(f"{size:>6} | {b_rate:>12.1f} | {p_rate:>12.1f} | {b_rate / p_rate:>5.2f} | "
              f"{mb(batch['main_kb']):>13} | {mb(batch['worker_kb']):>17} | {mb(total):>14} | "
              f"{mb(plain['main_kb']):>8}")
    if 100 in totals and 1000 in totals:
        growth = totals[1000] / totals[100]
        size, batch, plain = rows[[r[0] for r in rows].index(1000)]
        ratio = (batch["documents"] / batch["seconds"]) / (plain["documents"] / plain["seconds"])
        print(f"\ntargets: throughput at 1,000 ≥ 3× plain docxtpl: {ratio:.2f}× "
              f"({'met' if ratio >= 3 else 'NOT met'}); peak memory at 1,000 ≤ 1.2× at 100: "
              f"{growth:.2f}× ({'met' if growth <= 1.2 else 'NOT met'})")
    if args.steady:
        _print_steady(args.steady, steady, totals.get(1000))


def _print_steady(size: int, batch: dict, total_1000: float | None) -> None:
    """The long run: peak memory against 1,000 documents, and the rate per tenth of the run."""
    total = batch["main_kb"] + batch["workers"] * batch["worker_kb"]
    rate = batch["documents"] / batch["seconds"]
    tenths = batch["tenths"]
    print(f"\n{size:,} documents, batch alone: {rate:.1f} docs/s, {total / 1024:.1f} MB "
          f"total (main {batch['main_kb'] / 1024:.1f} MB, largest worker "
          f"{batch['worker_kb'] / 1024:.1f} MB)")
    print("rate per tenth of the run (docs/s): " + " ".join(f"{r:.0f}" for r in tenths))
    if tenths:
        # the first tenth pays for starting the pool; steadiness is judged on the rest
        rest = tenths[1:]
        print(f"steady rate: slowest/fastest tenth after the first {min(rest) / max(rest):.2f} "
              f"(last tenth {tenths[-1]:.0f} vs second {tenths[1]:.0f} docs/s)")
    if total_1000:
        growth = total / total_1000
        print(f"target: peak memory at {size:,} ≤ 1.2× at 1,000: {growth:.2f}× "
              f"({'met' if growth <= 1.2 else 'NOT met'})")


if __name__ == "__main__":
    main()
