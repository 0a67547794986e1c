"""``postwright-cli fetch-images SLUG`` against a real HTTP server on 127.0.0.1: what arrives is stored, what
does not is named with its reason (size cap, deadline, not a picture, 404) and stays as written."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from picture_server import DRIP_SECONDS, PictureServer, picture_server

from editor.cli import main
from editor.cli.exit_codes import DONE, REFUSED, USAGE
from editor.core.library import Library
from editor.core.media.image_refs import find_images
from editor.core.post.model import Post


@pytest.fixture(scope="module")
def server() -> Iterator[PictureServer]:
    with picture_server() as running:
        yield running


def _post(library_path: Path, body: str) -> None:
    with Library.open(library_path) as lib:
        lib.posts.create(Post(title="Sun safety", slug="sun-safety", body=body))


def run(capsys: pytest.CaptureFixture[str], library_path: Path, *argv: str) -> tuple[int, str, str]:
    try:
        code = main([*argv, "--library", str(library_path)])
    except SystemExit as exited:  # argparse ends a usage error this way
        code = int(exited.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_each_picture_arrives_or_is_named_with_its_reason(library_path: Path, server: PictureServer,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    wanted = {"photo.jpg": None, "big.jpg": "larger than 0.1 MB, the most a picture may be",
              "huge.png": "larger than 0.1 MB",
              "fake.jpg": "web page, not a picture (the server called it image/jpeg)",
              "page.html": "the address gave a web page, not a picture", "missing.png": "answered 404 (not found)",
              "drip.jpg": "did not answer within"}
    body = "Intro.\n\n" + "\n\n".join(f"![{name}]({server.url(name)})" for name in wanted) + "\n"
    _post(library_path, body)
    started = time.monotonic()
    code, out, err = run(capsys, library_path, "fetch-images", "sun-safety", "--timeout", str(2 * DRIP_SECONDS),
                         "--max-mb", "0.1")
    assert time.monotonic() - started < 30  # the dripping picture ended at its deadline, not the server's pace
    assert code == REFUSED
    assert out.startswith("sun-safety: 1 of 7 pictures from the web fetched into the library (one new revision).")
    for name, reason in wanted.items():
        if reason is not None:
            line = next(line for line in err.splitlines() if f"/{name} was not fetched" in line)
            assert reason in line, (name, line)
    assert len(err.splitlines()) == 6 and "Traceback" not in err
    with Library.open(library_path) as lib:
        stored = lib.posts.get("sun-safety").body
    kinds = {ref.alt: ref.kind for ref in find_images(stored)}
    assert kinds == {name: "asset" if name == "photo.jpg" else "web" for name in wanted}

    # again with the default size cap: the big photo arrives now, the rest still do not
    code, out, err = run(capsys, library_path, "fetch-images", "sun-safety", "--json", "--timeout", "1")
    report = json.loads(out)
    problems = {p["url"].rsplit("/", 1)[1]: p["problem"] for p in report["pictures"]}
    assert code == REFUSED and report["version"] is not None
    assert problems == {"big.jpg": "", "huge.png": "too-large", "fake.jpg": "not-an-image", "page.html": "not-an-image",
                        "missing.png": "not-found", "drip.jpg": "timeout"}


def test_limits_may_be_narrowed_never_widened(library_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _post(library_path, "No pictures.\n")
    code, _, err = run(capsys, library_path, "fetch-images", "sun-safety", "--max-mb", "500")
    assert code == USAGE and "outside 0 to 20" in err
    code, _, err = run(capsys, library_path, "fetch-images", "sun-safety", "--timeout", "soon")
    assert code == USAGE and "'soon' is not a number" in err
    code, out, _ = run(capsys, library_path, "fetch-images", "sun-safety")
    assert code == DONE and out == "sun-safety shows no pictures from the web.\n"
