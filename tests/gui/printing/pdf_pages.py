"""Reading a handout PDF the way a person would: its text, page sizes, type size and pixels."""

from __future__ import annotations

import collections
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2

POINTS_PER_MM = 72 / 25.4


def page_texts(path: Path) -> list[str]:
    """Each page's text, with ligatures (ﬀ, ﬁ) spelled out."""
    return [unicodedata.normalize("NFKC", page.extract_text()) for page in pypdf.PdfReader(path).pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pypdf.PdfReader(path).pages]


def body_font_size(path: Path) -> float:
    """The font size (in points, from the PDF's text matrices) that most characters are set in."""
    sizes: collections.Counter[float] = collections.Counter()

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        sizes[round(size * scale, 1)] += len(text.strip())

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def rendered_line_pitch(path: Path, page_index: int = 0, scale: float = 2.0) -> tuple[float, float]:
    """Render a page; return (share of inked pixels, line pitch in points of the left text column).

    Text lines are bands of inked rows in a strip at the left margin; the pitch is the lower
    quartile of the distances between band tops (lines inside a paragraph are the closest).
    """
    image = pypdfium2.PdfDocument(str(path))[page_index].render(scale=scale).to_pil().convert("L")
    width, height = image.size
    pixels = image.load()
    inked = sum(1 for y in range(0, height, 2) for x in range(0, width, 2) if pixels[x, y] < 160)
    left = int(18 * POINTS_PER_MM * scale)
    strip = range(left, min(width, left + 300))
    tops: list[int] = []
    inside = False
    for y in range(height):
        ink = any(pixels[x, y] < 160 for x in strip)
        if ink and not inside:
            tops.append(y)
        inside = ink
    gaps = sorted(b - a for a, b in zip(tops, tops[1:], strict=False))
    pitch = gaps[len(gaps) // 4] / scale if gaps else 0.0
    return inked / ((width // 2) * (height // 2)), pitch


def page_image(path: Path, page_index: int = 0, dpi: int = 150):  # a PIL image
    """The page as a person's scanner would see it: rendered at ``dpi``, greyscale."""
    return pypdfium2.PdfDocument(str(path))[page_index].render(scale=dpi / 72).to_pil().convert("L")


def qr_codes(path: Path, page_index: int = 0, dpi: int = 150) -> list[str]:
    """The text of every QR code a real decoder (zxing-cpp) finds on the rendered page."""
    import zxingcpp

    found = zxingcpp.read_barcodes(page_image(path, page_index, dpi), formats=zxingcpp.BarcodeFormat.QRCode)
    return [result.text for result in found]


def footer_font_size(path: Path, marker: str = "Page ") -> float:
    """The font size (points) of the text starting with ``marker`` (the page-number footer)."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.lstrip().startswith(marker):
            sizes.append(round(size * (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5, 1))

    pypdf.PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return sizes[0] if sizes else 0.0
