"""An online import fetches the web pictures a page or Markdown file shows (real server on 127.0.0.1);
offline, they stay web addresses and nothing is asked of any server."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from picture_server import CAMERA, PictureServer, phone_photo, picture_server
from PIL import Image

from editor.cli import main
from editor.core.foundation.errors import ImportCancelled
from editor.core.importers import import_path
from editor.core.importers import library as import_library
from editor.core.library import Library
from editor.core.media.image_refs import find_images


@pytest.fixture(scope="module")
def server() -> Iterator[PictureServer]:
    with picture_server() as running:
        yield running


def _page(folder: Path, server: PictureServer) -> Path:
    """A page saved "HTML only" from a clinic's site builder: absolute picture addresses, a <picture>
    with WebP sources, a lazy-loaded hero, one picture the browser did save into the _files folder."""
    files = folder / "Sunscreen basics_files"
    files.mkdir()
    (files / "bottle.png").write_bytes(phone_photo((250, 250, 240)))  # a JPEG under a .png name, as it happens
    page = folder / "Sunscreen basics.html"
    page.write_text(f"""<!DOCTYPE html><html><head><title>Sunscreen basics | Lakeside Dermatology</title></head>
<body><header class="site-header"><nav><a href="/">Home</a></nav></header>
<main><article class="post"><h1>Sunscreen basics</h1>
<p>Most sunburns happen on cloudy days, when people assume they are safe outdoors for hours.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="{server.url('photo.jpg')}"
     alt="A family at the beach under an umbrella" class="lazyload">
<h2>How much to use</h2>
<p>An adult needs about a shot glass of sunscreen to cover the whole body, applied again every two hours.</p>
<picture><source type="image/webp" srcset="{server.url('chart.webp')} 1x">
<img src="{server.url('chart.png')}" alt="Sun protection factor compared by hour"></picture>
<p>Reapply after swimming, even if the bottle says the sunscreen is water resistant.</p>
<figure><img src="./Sunscreen%20basics_files/bottle.png" alt="A sunscreen bottle label"></figure>
<p>Ask us which products suit sensitive skin or children under six months.</p>
<p><img src="{server.url('missing.png')}" alt="Shade structure"></p>
<p><img src="{server.url('fake.jpg')}" alt="A hat with a wide brim"></p>
</article></main><footer>Lakeside Dermatology</footer></body></html>""", encoding="utf-8")
    return page


def _alts(library: Library, slug: str) -> dict[str, str]:
    return {ref.alt: ref.target for ref in find_images(library.posts.get(slug).body)}


def test_online_import_of_a_saved_page_brings_its_web_pictures_in(library: Library, tmp_path: Path,
                                                                  server: PictureServer) -> None:
    result = import_path(library, _page(tmp_path, server), offline=False)
    alts = _alts(library, result.slug)
    assert re.fullmatch(r"asset:\d+", alts["A family at the beach under an umbrella"])
    assert re.fullmatch(r"asset:\d+", alts["Sun protection factor compared by hour"])
    assert re.fullmatch(r"asset:\d+", alts["A sunscreen bottle label"])  # from the _files folder, as before
    assert alts["Shade structure"] == server.url("missing.png")  # did not arrive: stays as written
    assert alts["A hat with a wide brim"] == server.url("fake.jpg")
    data, mime = library.assets.get(int(alts["A family at the beach under an umbrella"].split(":")[1]))
    assert mime == "image/jpeg" and CAMERA.encode() not in data
    with Image.open(io.BytesIO(data)) as photo:
        assert not photo.getexif()
    notes = {line["text"]: line["note"] for line in result.report if line["to"] == "image"}
    host = server.base_url.removeprefix("http://")
    assert notes[server.url("photo.jpg")] == f"fetched from {host} into the library"
    assert notes[server.url("missing.png")] == "not fetched: the server answered 404 (not found)"
    assert "web page" in notes[server.url("fake.jpg")]
    assert len(set(alts.values())) == 5  # three pictures in the library, two still on the web
    assert any(f"{server.url('missing.png')} was not fetched" in warning for warning in result.warnings)
    assert notes["./Sunscreen%20basics_files/bottle.png"] == "copied into the library"


def test_offline_the_pictures_stay_web_addresses_and_no_server_is_asked(library: Library, tmp_path: Path,
                                                                        server: PictureServer) -> None:
    before = sum(server.hits.values())
    result = import_path(library, _page(tmp_path, server))
    assert sum(server.hits.values()) == before
    assert _alts(library, result.slug)["A family at the beach under an umbrella"] == server.url("photo.jpg")
    notes = {line["text"]: line["note"] for line in result.report if line["to"] == "image"}
    assert notes[server.url("photo.jpg")] == "kept as a link to the web image (not copied)"


def test_markdown_keeps_alt_text_and_titles_and_html_images_are_fetched_too(library: Library, tmp_path: Path,
                                                                          server: PictureServer) -> None:
    post = tmp_path / "hydration.md"
    post.write_text(f"# Staying hydrated\n\nWater is the best choice for most people on most days.\n\n"
                    f"![A glass of water]({server.url('photo.jpg')} \"Kitchen tap\")\n\n"
                    f'<img src="{server.url("chart.png")}" alt="Daily fluid needs by age">\n\n'
                    f"Check your urine colour: pale yellow means you are drinking enough.\n", encoding="utf-8")
    result = import_path(library, post, offline=False)
    body = library.posts.get(result.slug).body
    assert re.search(r'!\[A glass of water\]\(asset:\d+ "Kitchen tap"\)', body)
    assert re.search(r'<img src="asset:\d+" alt="Daily fluid needs by age">', body)


def test_stopping_the_import_while_pictures_arrive_imports_nothing(library: Library, tmp_path: Path,
                                                                   server: PictureServer,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    cancel = threading.Event()
    from editor.core.importers import web_pictures

    real = web_pictures.fetch_images

    def stop_after_first(urls, **options):  # the person presses Stop Import while the first one arrives
        options["progress"] = lambda done, total, url: cancel.set() if done == 1 else None
        return real(urls, **options)

    monkeypatch.setattr(web_pictures, "fetch_images", stop_after_first)
    posts = library.db.execute("SELECT count(*) FROM posts").fetchone()[0]
    with pytest.raises(ImportCancelled, match="nothing was imported"):
        import_library.import_path(library, _page(tmp_path, server), offline=False, cancel=cancel)
    assert library.db.execute("SELECT count(*) FROM posts").fetchone()[0] == posts
    assert library.db.execute("SELECT count(*) FROM assets").fetchone()[0] == 0


def test_cli_import_online_reports_each_picture(tmp_path: Path, server: PictureServer,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    library = tmp_path / "clinic.postwright"
    assert main(["import", str(_page(tmp_path, server)), "--online", "--library", str(library), "--create"]) == 0
    out = capsys.readouterr().out
    assert "fetched from 127.0.0.1" in out and "not fetched: the server answered 404" in out
