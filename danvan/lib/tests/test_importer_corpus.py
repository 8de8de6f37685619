"""The importer on the corpus of real texts (``bench/importer.py``): the agreed floors, on every
text (the tuned part and the held-out rounds together). The texts are not in the repository:
the test is skipped where the corpus folder is absent (``../corpus/importer`` beside the
repository, or ``$DANVAN_IMPORT_CORPUS``), as the seed tests are without ``../shared/seeds``."""

import pytest

from bench import importer as bench

CORPUS = bench.corpus_dir()
pytestmark = pytest.mark.skipif(
    CORPUS is None or not CORPUS.is_dir(), reason="the importer corpus is not here"
)
FLOORS = {  # measured 2026-12-05 on 80 texts, rounded down
    "header_precision": 0.99,  # a header field is right or left empty: never invented
    "header_recall": 0.95,
    "citations_precision": 0.99,
    "citations_recall": 0.97,
    "citations_complete": 0.95,  # found with the right date and issuer
    "sections_precision": 0.98,
    "sections_recall": 0.98,
    "units_precision": 0.95,
    "units_recall": 0.70,
    "deadlines_precision": 0.95,
    "deadlines_recall": 0.65,
}
SPURIOUS_MAX = 4  # texts that assign no work but get tasks


def test_every_text_has_its_expectations_and_every_expectation_its_text():
    texts = {p.stem for p in CORPUS.glob("*.txt")}
    expected = {e["id"] for e in bench.expectations()}
    assert expected <= texts
    assert len(expected) >= 40 and sum(e["split"] == "heldout" for e in bench.expectations()) >= 10


def test_the_corpus_reads_above_the_agreed_floors():
    figures = bench.summary(bench.run(CORPUS))
    below = {k: round(figures[k], 3) for k, floor in FLOORS.items() if figures[k] < floor}
    assert below == {}
    assert figures["spurious_tasks"] <= SPURIOUS_MAX


def test_the_seeds_still_read_exactly():
    if bench.seeds_dir() is None:
        pytest.skip("the shared seeds are not here")
    assert all(bench.seeds_exact().values())
