"""Same site means the same registrable domain by the Public Suffix List (its bundled snapshot)."""

from __future__ import annotations

import pytest

from editor.core.net import registrable_domain, same_origin, same_site


@pytest.mark.parametrize(
    ("host", "site"),
    [
        ("www.doi.org", "doi.org"),
        ("eutils.ncbi.nlm.nih.gov", "nih.gov"),
        ("clinic.github.io", "clinic.github.io"),  # github.io is a public suffix (private section)
        ("bucket.s3.amazonaws.com", "bucket.s3.amazonaws.com"),
        ("www.riverside.co.uk", "riverside.co.uk"),
        ("WWW.Clinic.Example.", "clinic.example"),
        ("127.0.0.1", "127.0.0.1"),
        ("[::1]", "::1"),
        ("localhost", "localhost"),
    ],
)
def test_registrable_domain(host: str, site: str) -> None:
    assert registrable_domain(host) == site


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("https://doi.org/10.1/x", "https://www.doi.org/10.1/x", True),
        ("https://api.crossref.org/works/x", "https://crossref.org/works/x", True),
        ("https://alice.github.io/post", "https://mallory.github.io/steal", False),
        ("https://a.s3.amazonaws.com/x", "https://b.s3.amazonaws.com/x", False),
        ("https://www.nhs.co.uk/a", "https://evil.co.uk/b", False),
        ("http://127.0.0.1:8000/a", "http://localhost:8000/a", False),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:9000/a", True),
        ("https://clinic.example/a", "file:///etc/passwd", False),
    ],
)
def test_same_site(first: str, second: str, same: bool) -> None:
    assert same_site(first, second) is same


def test_same_origin_fills_in_default_ports() -> None:
    assert same_origin("https://clinic.example/a", "https://clinic.example:443/b")
    assert not same_origin("https://clinic.example/a", "https://www.clinic.example/a")
    assert not same_origin("http://clinic.example/a", "https://clinic.example/a")
