"""Test helpers that write PDFs: letters from text, and the bad inputs wobtrack must refuse.

``text_to_pdf`` is the renderer of ``samples/make_pdfs.py`` (one source line per PDF line,
``\\f`` = new page), loaded from its file so that it works whether or not wobtrack is
installed (``samples/`` only becomes ``wobtrack.samples`` in an installed package).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _load_make_pdfs() -> ModuleType:
    name = "_wobtrack_samples_make_pdfs"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SAMPLES / "make_pdfs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


make_pdfs = _load_make_pdfs()


def text_to_pdf(text: str, path: Path, links: Sequence[str] = ()) -> Path:
    """Render ``text`` to ``path`` (one source line per PDF line); return ``path``."""
    make_pdfs.text_to_pdf(text, path, links)
    return path


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_creation_date(make_pdfs.CREATION_DATE)
    pdf.set_font("helvetica", size=11)
    return pdf


def image_only_pdf(path: Path) -> Path:
    """A one-page 'scan': a grey image with text-like bars, and no text layer at all."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 800), 250)
    draw = ImageDraw.Draw(image)
    for row in range(60, 740, 24):  # lines of "print", as a scanner would see them
        draw.rectangle((50, row, 550 - (row * 7) % 160, row + 10), fill=40)
    pdf = _pdf()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))
    return path


def whitespace_only_pdf(path: Path) -> Path:
    """A PDF whose text layer holds nothing but spaces (seen on badly OCR'd scans)."""
    pdf = _pdf()
    pdf.add_page()
    for row in range(5):
        pdf.set_xy(20, 20 + row * 8)
        pdf.cell(text=" " * 40)
    pdf.output(str(path))
    return path


def encrypted_pdf(path: Path, *, user_password: str = "geheim") -> Path:
    """An AES-128 encrypted one-page letter; with an empty ``user_password`` anyone can
    open it (only the owner password restricts editing), as many published PDFs do."""
    pdf = _pdf()
    pdf.add_page()
    pdf.cell(text="Besluit op uw Woo-verzoek")
    pdf.set_encryption(
        owner_password="eigenaar",
        user_password=user_password,
        encryption_method=EncryptionMethod.AES_128,
    )
    pdf.output(str(path))
    return path


def pages_pdf(path: Path, count: int) -> Path:
    """A PDF of ``count`` pages with one short line each (e.g. an annex bundle)."""
    pdf = _pdf()
    for n in range(1, count + 1):
        pdf.add_page()
        pdf.cell(text=f"Bijlage, pagina {n}")
    pdf.output(str(path))
    return path


def truncated_pdf(source: Path, path: Path) -> Path:
    """The first half of a valid PDF: a download that broke off."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def pdf_bytes(*objects: bytes) -> bytes:
    """A PDF with ``objects`` as objects 1, 2, ... (object 1 the catalog) and a correct
    cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
