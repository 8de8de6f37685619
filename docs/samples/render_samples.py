#!/usr/bin/env python
"""Render the seed samples in this folder to DOCX (and PDF with --pdf, if LibreOffice exists).

Run from anywhere: ``.venv/bin/python docs/samples/render_samples.py [--pdf]``. Each
``*.json`` here becomes a ``*.docx`` beside it; the same input gives the same bytes.
"""

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from danvan.core.errors import DomainError  # noqa: E402
from danvan.documents.loader import load_json  # noqa: E402
from danvan.documents.rendering import render_docx, render_pdf  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also convert to PDF with LibreOffice")
    args = parser.parse_args()
    for source in sorted(HERE.glob("*.json")):
        loaded = load_json(source)
        docx_bytes = render_docx(loaded.document, loaded.format)
        target = source.with_suffix(".docx")
        target.write_bytes(docx_bytes)
        print(f"{target.relative_to(HERE.parent.parent)}: {loaded.format} format")
        if args.pdf:
            try:
                source.with_suffix(".pdf").write_bytes(render_pdf(docx_bytes))
            except DomainError as error:
                print(f"  no PDF: {error.message}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
