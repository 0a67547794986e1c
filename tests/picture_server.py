"""A real HTTP server on 127.0.0.1 with pictures, good and bad, one per path.

    /photo.jpg        a real JPEG from a phone: EXIF with the camera and GPS position
    /chart.png        a real PNG with a text chunk (an author's name)
    /photo-copy.jpg   the same bytes as /photo.jpg under another name
    /big.jpg          a real JPEG of about 300 KB (past a narrowed per-picture cap)
    /huge.png         declares 1 GB (nothing sent)
    /fake.jpg         HTML (an "access denied" page) sent as image/jpeg
    /page.html        a web page, sent as text/html
    /drawing.svg      an SVG drawing
    /missing.png      404
    /drip.jpg         headers at once, then one byte every ``DRIP_SECONDS``
    /moved.jpg        302 to /photo.jpg on the same server
    /away.jpg?to=URL  302 to URL (another site)

Every request is counted by path in ``server.hits``.
"""

from __future__ import annotations

import io
import random
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from loopback_server import serving
from PIL import Image, PngImagePlugin

DRIP_SECONDS = 0.5
CAMERA = "ClinicPhone 12"


def phone_photo(colour: tuple[int, int, int] = (200, 120, 40), size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG carrying what a phone writes: its make and the GPS position where it was taken."""
    exif = Image.Exif()
    exif[0x010F] = CAMERA  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (45.0, 31.0, 12.0), 3: "W", 4: (122.0, 40.0, 30.0)})
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def chart_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Dr. Erin Example")
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 90, 200, 255)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def noisy_jpeg(side: int = 400) -> bytes:
    """A photo-like JPEG that does not compress well (about 300 KB at 400 × 400)."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


FAKE = (b"<!DOCTYPE html><html><head><title>Access denied</title></head><body><h1>Access denied</h1>"
        b"<p>Hotlinking is not allowed.</p></body></html>")
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@dataclass
class PictureServer:
    base_url: str = ""
    hits: Counter[str] = field(default_factory=Counter)
    stop: threading.Event = field(default_factory=threading.Event)
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"


class _Handler(BaseHTTPRequestHandler):
    state: PictureServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.state.hits[parts.path] += 1
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        try:
            if parts.path in self.state.files:
                kind, body = self.state.files[parts.path]
                self._send(200, body, kind)
            elif parts.path == "/huge.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(1024 ** 3))
                self.end_headers()
            elif parts.path == "/drip.jpg":
                self._drip()
            elif parts.path == "/moved.jpg":
                self._send(302, b"", "text/plain", {"Location": "/photo.jpg"})
            elif parts.path == "/away.jpg":
                self._send(302, b"", "text/plain", {"Location": query.get("to", "/")})
            else:
                self._send(404, b"<html><body>Not found</body></html>", "text/html")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": kind, "Content-Length": str(len(body)), **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _drip(self) -> None:
        body = phone_photo()
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.flush()
        for byte in body:
            if self.state.stop.wait(DRIP_SECONDS):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()


@contextmanager
def picture_server() -> Iterator[PictureServer]:
    state = PictureServer()
    photo = phone_photo()
    state.files.update({
        "/photo.jpg": ("image/jpeg", photo), "/photo-copy.jpg": ("image/jpeg", photo),
        "/chart.png": ("image/png", chart_png()), "/big.jpg": ("image/jpeg", noisy_jpeg()),
        "/fake.jpg": ("image/jpeg", FAKE), "/page.html": ("text/html; charset=utf-8", FAKE),
        "/drawing.svg": ("image/svg+xml", SVG),
    })
    with serving(type("Handler", (_Handler,), {"state": state}), state.stop, "picture-server") as base_url:
        state.base_url = base_url
        yield state
