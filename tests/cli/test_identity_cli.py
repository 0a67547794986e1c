"""``postwright identity``: a clinic scripts its site identity, checked as the dialog checks it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

from editor.cli import main
from editor.core.export import export_post
from editor.core.library import Library
from editor.core.render.site_identity import SiteIdentity


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    path = tmp_path / "lib.postwright"
    with Library.open(path) as lib:  # the sample post, as a new user has it
        lib.authors.find_or_create("Avery Stone", credentials="MD")
    return path


def run(capsys: pytest.CaptureFixture[str], library: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["identity", *argv, "--library", str(library)])
    out = capsys.readouterr()
    return code, out.out, out.err


def logo_file(folder: Path, size: tuple[int, int] = (300, 90), name: str = "logo.jpg") -> Path:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    Image.new("RGB", size, (11, 110, 153)).save(out, format="JPEG", exif=exif)
    path = folder / name
    path.write_bytes(out.getvalue())
    return path


def test_a_new_library_shows_what_is_not_set(capsys, library_path: Path) -> None:
    code, out, err = run(capsys, library_path)
    assert code == 0 and err == ""
    assert "Clinic name:" in out and "(not set)" in out
    assert "Handouts print without: clinic name, phone number, address, base URL." in out


def test_every_field_is_set_from_the_command_line_and_shows_everywhere(capsys, library_path: Path,
                                                                       tmp_path: Path) -> None:
    code, out, err = run(capsys, library_path, "--clinic-name", "Riverside Family Clinic", "--phone",
                         "(555) 201-3300", "--address", "12 Harbor Street", "--address", "Riverside, OR 97000",
                         "--colour", "#0B6E99", "--logo", str(logo_file(tmp_path)), "--base-url",
                         "https://riverside.example/blog/", "--default-author", "Avery Stone, MD", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["clinic_name"] == "Riverside Family Clinic" and data["phone"] == "(555) 201-3300"
    assert data["address"] == ["12 Harbor Street", "Riverside, OR 97000"] and data["primary_colour"] == "#0b6e99"
    assert data["base_url"] == "https://riverside.example/blog" and data["default_author"] == "Avery Stone, MD"
    assert data["logo"]["type"] == "image/jpeg" and (data["logo"]["width"], data["logo"]["height"]) == (300, 90)
    assert data["handout_lacks"] == []
    with Library.open(library_path) as lib:
        identity = SiteIdentity.from_settings(lib.settings)
        with Image.open(io.BytesIO(lib.assets.get(identity.logo_asset_id)[0])) as stored:
            assert not stored.getexif()  # the camera's metadata is not published
        html = export_post(lib, "glp1-what-to-know", "page", tmp_path / "out" / "post.html").path.read_text()
    assert "(555) 201-3300" in html and "12 Harbor Street<br>" in html and "Riverside Family Clinic" in html
    assert 'href="https://riverside.example/blog/glp1-what-to-know"' in html  # the canonical URL
    code, out, _ = run(capsys, library_path)
    assert "Phone:              (555) 201-3300" in out and "                    Riverside, OR 97000" in out


@pytest.mark.parametrize(("argv", "says"), [
    (("--colour", "blue"), "not a colour like #0b6e99"),
    (("--phone", "call the front desk"), "is not a phone number"),
    (("--base-url", "ftp://riverside.example"), "is not a web address"),
    (("--base-url", "https://riverside.example/blog?page=2"), "has a query or fragment"),
    (("--default-author", "Nobody Here"), "No author named 'Nobody Here'"),
])
def test_a_bad_value_is_one_sentence_and_changes_nothing(capsys, library_path: Path, argv: tuple[str, ...],
                                                         says: str) -> None:
    code, out, err = run(capsys, library_path, "--clinic-name", "Changed Name", *argv)
    assert code == 2 and out == "" and says in err and len(err.strip().splitlines()) == 1  # an input problem
    with Library.open(library_path) as lib:
        assert SiteIdentity.from_settings(lib.settings).clinic_name == ""  # the valid part was not saved either


def test_logo_files_are_bounded_in_size_type_and_pixels(capsys, library_path: Path, tmp_path: Path) -> None:
    svg = tmp_path / "logo.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    text = tmp_path / "logo.png"
    text.write_text("not a picture")
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"\0" * (2 * 1024 * 1024 + 1))
    tiny = logo_file(tmp_path, (8, 8), "tiny.jpg")
    for path, says in ((svg, "is an SVG drawing"), (text, "not an image that can be read"),
                       (big, "too large"), (tiny, "a logo is 16 to 4,000 pixels a side"),
                       (tmp_path / "gone.png", "cannot be read")):
        code, out, err = run(capsys, library_path, "--logo", str(path))
        assert code == 2 and says in err, err  # an input problem (docs/cli.md)
    with Library.open(library_path) as lib:
        assert SiteIdentity.from_settings(lib.settings).logo_asset_id is None and lib.db.execute(
            "SELECT count(*) FROM assets").fetchone()[0] == 0


def test_empty_values_and_no_logo_clear_fields(capsys, library_path: Path, tmp_path: Path) -> None:
    run(capsys, library_path, "--phone", "(555) 201-3300", "--logo", str(logo_file(tmp_path)), "--base-url",
        "https://riverside.example")
    code, out, _ = run(capsys, library_path, "--phone", "", "--no-logo", "--base-url", "", "--json")
    data = json.loads(out)
    assert code == 0 and data["phone"] == "" and data["logo"] is None and data["base_url"] == ""


def test_logo_and_no_logo_together_is_a_usage_error(capsys, library_path: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as usage:
        main(["identity", "--logo", str(logo_file(tmp_path)), "--no-logo", "--library", str(library_path)])
    assert usage.value.code == 2
