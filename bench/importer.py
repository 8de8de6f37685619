"""The plan importer on real texts: per-field precision and recall against expectations.

    .venv/bin/python bench/importer.py [CORPUS_DIR] [--split tuned|heldout|all] [--doc ID] [--show]

The texts are real documents copied from provincial and commune portals, central commissions,
legal libraries and news pages (one ``<id>.txt`` each). They are not in the repository: they live
in CORPUS_DIR, else in ``$DANVAN_IMPORT_CORPUS``, else in the folder ``corpus/importer`` next to the
repository (the first ``corpus/importer`` found going up from the repository root). The
expectations, written by reading each text, are in ``bench/importer_corpus/<id>.json``: the
source address, the header fields, every numbered citation with its date and issuer, the
section headings and a sample of tasks with their units and deadlines. A part of the corpus
(``"split": "heldout"``) was never looked at while the importer was tuned; it is reported apart.

Scores (``got`` is what the importer proposes, ``want`` what the expectations say):
- header fields: precision = right values / values proposed, recall = right values / values
  expected; a value proposed where the text states none (an invented field) lowers precision;
- citations: found by number and symbol; then their date, issuer and type among those found,
  and "complete" = the share of expected citations found with the right date AND issuer;
- sections: headings (numeral and title) proposed against those expected;
- task units and deadlines: on the sampled tasks (a task is found by a phrase of its text),
  each unit with its role, and the deadline date;
- spurious tasks: tasks proposed in texts that assign no work (rules, resolutions, news).
The five seeds (``shared/seeds``) are checked against the expectations of
``danvan/lib/tests/test_plan_text.py`` and must read exactly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTATIONS = ROOT / "bench" / "importer_corpus"
HEADER_FIELDS = (
    "doc_type",
    "number",
    "symbol",
    "issued_on",
    "place",
    "issuers",
    "issuer_parent",
    "title",
    "period",
)
_TONES = {  # one spelling for "uỷ/ủy", "hoá/hóa", as the importer's norm()
    "uỷ": "ủy", "uý": "úy", "uỳ": "ùy", "uỹ": "ũy", "uỵ": "ụy",
    "oá": "óa", "oà": "òa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
}  # fmt: skip


def _find_up(*parts: str) -> Path | None:
    for folder in (ROOT, *ROOT.parents):
        candidate = folder.joinpath(*parts)
        if candidate.is_dir():
            return candidate
    return None


def corpus_dir(argument: str | None = None) -> Path | None:
    """The folder of the texts: the argument, $DANVAN_IMPORT_CORPUS, or ``corpus/importer``
    beside the repository."""
    chosen = argument or os.environ.get("DANVAN_IMPORT_CORPUS")
    if chosen:
        return Path(chosen)
    return _find_up("corpus", "importer")


def seeds_dir() -> Path | None:
    return _find_up("shared", "seeds")


# --- comparing values ------------------------------------------------------------------------


def norm(value) -> str:
    """Case, accents' composition, tone placement, look-alike Đ, spaces and end punctuation."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " + ".join(sorted(norm(v) for v in value if norm(v)))
    text = unicodedata.normalize("NFC", str(value)).replace("\u00d0", "Đ").replace("\u0110", "Đ")
    text = " ".join(text.lower().split())
    for wrong, right in _TONES.items():
        text = text.replace(wrong, right)
    return text.strip(" .,;:-–“”\"'")


def symbol_key(symbol: str) -> str:
    text = unicodedata.normalize("NFC", symbol or "").replace("\u00d0", "Đ")
    for dash in "–‐‑—":
        text = text.replace(dash, "-")
    return "".join(text.split()).upper()


def citation_key(number: str, symbol: str) -> tuple[str, str]:
    return (number or "").lower().lstrip("0") or "0", symbol_key(symbol)


def same_unit(want: str, got: str) -> bool:
    """Equal, or one names the other with words added at its end ("Tỉnh, thành ủy" and
    "Tỉnh, thành ủy nơi …")."""
    a, b = norm(want), norm(got)
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= 2 and long.startswith(short + " ")


@dataclass
class Score:
    proposed: int = 0
    expected: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, want, got, equal=None, label: str = "") -> None:
        want_set, got_set = bool(norm(want)), bool(norm(got))
        ok = want_set and got_set and (equal(want, got) if equal else norm(want) == norm(got))
        self.proposed += got_set
        self.expected += want_set
        self.right += ok
        if not ok and (want_set or got_set):
            self.misses.append(f"{label}: want {want!r}, got {got!r}")

    @property
    def precision(self) -> float | None:
        return self.right / self.proposed if self.proposed else None

    @property
    def recall(self) -> float | None:
        return self.right / self.expected if self.expected else None


# --- reading what the importer proposes --------------------------------------------------------


def proposed(text: str) -> dict:
    """The importer's draft as JSON data (the ``import_plan --json`` contract)."""
    from danvan.lib.plan_text import parse_plan

    return parse_plan(text).to_dict()


def _header_got(header: dict) -> dict:
    issuers = [header.get("issuer", ""), *header.get("co_issuers", [])]
    start, end = header.get("period_start"), header.get("period_end")
    return {
        "doc_type": header.get("doc_type", ""),
        "number": header.get("number", ""),
        "symbol": header.get("symbol", ""),
        "issued_on": header.get("issued_on"),
        "place": header.get("place", ""),
        "issuers": [i for i in issuers if i],
        "issuer_parent": header.get("issuer_parent", ""),
        "title": header.get("title", ""),
        "period": f"{start}-{end}" if start and end else "",
    }


def _tasks(draft: dict) -> list[dict]:
    return [task for section in draft["sections"] for task in section["tasks"]]


# --- scoring one document ----------------------------------------------------------------------


@dataclass
class Report:
    fields: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in HEADER_FIELDS})
    citations: Score = field(default_factory=Score)
    citation_date: Score = field(default_factory=Score)
    citation_issuer: Score = field(default_factory=Score)
    citation_type: Score = field(default_factory=Score)
    citations_complete: Counter = field(default_factory=Counter)
    sections: Score = field(default_factory=Score)
    task_found: Score = field(default_factory=Score)
    task_units: Score = field(default_factory=Score)
    task_deadlines: Score = field(default_factory=Score)
    spurious_tasks: int = 0
    documents: int = 0

    def rows(self) -> list[tuple[str, Score]]:
        rows = [(f"header {name}", score) for name, score in self.fields.items()]
        header = Score()
        for score in self.fields.values():
            header.proposed += score.proposed
            header.expected += score.expected
            header.right += score.right
        rows.insert(0, ("header, all fields", header))
        return rows + [
            ("citations found", self.citations),
            ("citation date", self.citation_date),
            ("citation issuer", self.citation_issuer),
            ("citation type", self.citation_type),
            ("sections", self.sections),
            ("sampled tasks found", self.task_found),
            ("task units (with role)", self.task_units),
            ("task deadlines", self.task_deadlines),
        ]


def score_document(want: dict, got: dict, report: Report) -> None:
    report.documents += 1
    doc = want["id"]
    header = _header_got(got["header"])
    expected_header = dict(want["header"])
    period = expected_header.get("period")
    expected_header["period"] = f"{period[0]}-{period[1]}" if period else ""
    for name in HEADER_FIELDS:
        equal = (lambda a, b: symbol_key(a) == symbol_key(b)) if name == "symbol" else None
        report.fields[name].add(expected_header[name], header[name], equal, f"{doc} {name}")

    found = {}
    for citation in got["citations"]:
        found.setdefault(citation_key(citation["number"], citation["symbol"]), citation)
    expected_keys = set()
    for cited in want["citations"]:
        key = citation_key(cited["number"], cited["symbol"])
        expected_keys.add(key)
        mine = found.get(key)
        code = f"{cited['number']}/{cited['symbol']}"
        report.citations.expected += 1
        if mine is None:
            report.citations.misses.append(f"{doc}: missing {code}")
            report.citations_complete["expected"] += 1
            for score in (report.citation_date, report.citation_issuer, report.citation_type):
                score.expected += 1
            continue
        report.citations.right += 1
        report.citation_date.add(cited["date"], mine.get("date"), label=f"{doc} {code} date")
        report.citation_issuer.add(cited["issuer"], mine.get("issuer"), label=f"{doc} {code}")
        report.citation_type.add(cited["type"], mine.get("doc_type"), label=f"{doc} {code} type")
        report.citations_complete["expected"] += 1
        if norm(cited["date"]) == norm(mine.get("date")) and norm(cited["issuer"]) == norm(
            mine.get("issuer")
        ):
            report.citations_complete["complete"] += 1
    report.citations.proposed += len(found)
    for key, citation in found.items():
        if key not in expected_keys:
            report.citations.misses.append(f"{doc}: extra {citation.get('code')}")

    if want["sections"] is not None:
        wanted = Counter((norm(n), norm(t)) for n, t in want["sections"])
        have = Counter(
            (norm(s["numeral"]), norm(s["title"]))
            for s in got["sections"]
            if s["numeral"] or s["title"]
        )
        report.sections.expected += sum(wanted.values())
        report.sections.proposed += sum(have.values())
        report.sections.right += sum((wanted & have).values())
        if wanted != have:
            report.sections.misses.append(f"{doc}: want {sorted(wanted)}, got {sorted(have)}")

    tasks = _tasks(got)
    if want["no_tasks"] and tasks:
        report.spurious_tasks += 1
    for sample in want["tasks"]:
        task = next((t for t in tasks if norm(sample["find"]) in norm(t["content"])), None)
        report.task_found.expected += 1
        report.task_found.proposed += 1
        if task is None:
            report.task_found.misses.append(f"{doc}: no task with {sample['find']!r}")
            report.task_units.expected += len(sample["lead"]) + len(sample["support"])
            report.task_deadlines.expected += bool(sample["deadline"])
            continue
        report.task_found.right += 1
        _score_units(doc, sample, task, report.task_units)
        due = task["deadline"]["date"] if task["deadline"]["kind"] == "date" else None
        report.task_deadlines.add(sample["deadline"], due, label=f"{doc} {sample['find'][:30]}")


def _score_units(doc: str, sample: dict, task: dict, score: Score) -> None:
    got = [
        ("lead" if role == "lead" else "support", name)
        for name, role in zip(task["responsible"], task["roles"], strict=True)
    ]
    want = [("lead", n) for n in sample["lead"]] + [("support", n) for n in sample["support"]]
    score.expected += len(want)
    score.proposed += len(got)
    unmatched = list(got)
    for role, name in want:
        hit = next((g for g in unmatched if g[0] == role and same_unit(name, g[1])), None)
        if hit:
            unmatched.remove(hit)
            score.right += 1
        else:
            score.misses.append(f"{doc} {sample['find'][:30]!r}: want {role} {name!r}")
    for role, name in unmatched:
        score.misses.append(f"{doc} {sample['find'][:30]!r}: extra {role} {name!r}")


# --- the whole corpus ---------------------------------------------------------------------------


def expectations(split: str = "all", only: Iterable[str] = ()) -> list[dict]:
    wanted = set(only)
    found = []
    for path in sorted(EXPECTATIONS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if wanted and data["id"] not in wanted:
            continue
        if split != "all" and data["split"] != split:
            continue
        found.append(data)
    return found


def run(corpus: Path, split: str = "all", only: Iterable[str] = ()) -> Report:
    report = Report()
    for want in expectations(split, only):
        text = (corpus / f"{want['id']}.txt").read_text(encoding="utf-8")
        score_document(want, proposed(text), report)
    return report


def seeds_exact() -> dict[str, bool]:
    """Each seed parsed as ``danvan/lib/tests/test_plan_text.py`` expects it: True if exact."""
    from danvan.lib.plan_text import parse_plan
    from danvan.lib.tests import test_plan_text as seed_test

    folder = seeds_dir()
    result = {}
    for name, expected in seed_test.EXPECTED.items():
        if folder is None or not (folder / name).is_file():
            continue
        draft = parse_plan((folder / name).read_text(encoding="utf-8"))
        header = draft.header.to_dict()
        want = {**seed_test.EMPTY_HEADER, "doc_type": "", "issued_on": None, **expected["header"]}
        result[name[:3]] = (
            {k: header[k] for k in want} == want
            and [c.code for c in draft.citations] == expected["citations"]
            and draft.legal_bases == expected["legal_bases"]
            and [(s.numeral, s.title, len(s.tasks)) for s in draft.sections] == expected["sections"]
            and [seed_test.units(t) for t in draft.tasks] == expected["units"]
        )
    return result


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:5.1f} %"


def table(report: Report) -> str:
    lines = [
        f"{'field':<26} {'precision':>9} {'recall':>9} {'right':>6} {'proposed':>8} {'expected':>8}"
    ]
    for label, score in report.rows():
        lines.append(
            f"{label:<26} {_pct(score.precision):>9} {_pct(score.recall):>9} "
            f"{score.right:>6} {score.proposed:>8} {score.expected:>8}"
        )
    complete = report.citations_complete
    share = complete["complete"] / complete["expected"] if complete["expected"] else None
    lines.append(
        f"citations complete (found, date and issuer right): {_pct(share)} "
        f"({complete['complete']} of {complete['expected']})"
    )
    lines.append(f"texts with spurious tasks (no work assigned): {report.spurious_tasks}")
    return "\n".join(lines)


def summary(report: Report) -> dict:
    """The figures the corpus test checks against its floors."""
    header = report.rows()[0][1]
    complete = report.citations_complete
    return {
        "header_precision": header.precision or 0.0,
        "header_recall": header.recall or 0.0,
        "citations_recall": report.citations.recall or 0.0,
        "citations_precision": report.citations.precision or 0.0,
        "citations_complete": complete["complete"] / complete["expected"]
        if complete["expected"]
        else 1.0,
        "sections_recall": report.sections.recall or 0.0,
        "sections_precision": report.sections.precision or 0.0,
        "units_recall": report.task_units.recall or 0.0,
        "units_precision": report.task_units.precision or 0.0,
        "deadlines_recall": report.task_deadlines.recall or 0.0,
        "deadlines_precision": report.task_deadlines.precision or 0.0,
        "spurious_tasks": report.spurious_tasks,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", help="folder of the texts (<id>.txt)")
    parser.add_argument("--split", choices=("tuned", "heldout", "all", "both"), default="both")
    parser.add_argument("--doc", action="append", default=[], help="only this document id")
    parser.add_argument("--show", action="store_true", help="print every difference")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    folder = corpus_dir(args.corpus)
    if folder is None or not folder.is_dir():
        print("No corpus folder: pass it, set DANVAN_IMPORT_CORPUS or add ../corpus/importer.")
        return 2
    splits = ("tuned", "heldout") if args.split == "both" else (args.split,)
    for split in splits:
        report = run(folder, split, args.doc)
        print(f"\n== {split}: {report.documents} texts ==")
        print(table(report))
        if args.show:
            for label, score in report.rows():
                for miss in score.misses:
                    print(f"  [{label}] {miss}")
    seeds = seeds_exact()
    if seeds:
        print(
            "\nseeds read exactly: "
            + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in seeds.items())
        )
    return 0 if all(seeds.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
