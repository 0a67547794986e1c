from __future__ import annotations

import pytest
from checks_helpers import context, findings

from editor.core.checks import ImageInfo, run_checks
from editor.core.post.model import Author


def phi(body: str, **kwargs: object) -> list:
    return findings(body, "phi-suspected", **kwargs)


@pytest.mark.parametrize(("body", "what", "text"), [
    ("Call me at 555-123-4567 tonight.", "phone", "555-123-4567"),
    ("Call (555) 123-4567 tonight.", "phone", "(555) 123-4567"),
    ("Write to jane.doe@example.com today.", "e-mail", "jane.doe@example.com"),
    ("Her MRN: 00123456 was on the chart.", "medical record", "MRN: 00123456"),
    ("Use account number 7788-99 to pay.", "account", "account number 7788-99"),
    ("His SSN is 123-45-6789.", "Social Security", "123-45-6789"),
    ("She lives at 42 Maple Street near us.", "street address", "42 Maple Street"),
    ("She was seen in clinic on March 3, 2024.", "date of service", "March 3, 2024"),
    ("He was admitted 03/14/2024 with chest pain.", "date of service", "03/14/2024"),
])
def test_identifiers_are_flagged(body: str, what: str, text: str) -> None:
    found = phi(body)
    assert len(found) == 1, found
    assert what in found[0].message and found[0].severity == "error"
    assert found[0].column == body.index(text) + 1


@pytest.mark.parametrize("body", [
    "My patient Maria improved on the new dose.",
    "Maria Lopez, a 54-year-old teacher, lost weight.",
    "Mrs. Garcia was diagnosed with diabetes last year.",
    "Robert was prescribed semaglutide after his visit.",
])
def test_names_next_to_clinical_details(body: str) -> None:
    found = phi(body)
    assert len(found) == 1 and "patient's name" in found[0].message


@pytest.mark.parametrize("body", [
    "In March 2023, the FDA approved a new dose.",
    "The trial ran from 2019 to 2021 in 12 countries.",
    "Robert Koch discovered the tuberculosis bacterium.",
    "Jordan Ellis was diagnosed as a writer in 2010.",  # the author's own name
    "Patients who kept taking it continued to lose weight.",
    "A 54-year-old woman in our clinic lost weight.",
    "Studies of 17,000 adults found a 20 percent lower risk.",
])
def test_not_phi(body: str) -> None:
    assert phi(body, author=Author(name="Jordan Ellis", credentials="PA-C")) == []


def test_mailto_link_is_flagged() -> None:
    found = phi("Questions? [Email us](mailto:front.desk@clinic.org).")
    assert len(found) == 1 and "front.desk@clinic.org" in found[0].message


def test_images_with_exif_or_gps() -> None:
    body = "Intro.\n\n## Photos\n\n![Before](asset:3)\n\n![After](asset:4)\n\n![Chart](asset:5)\n"
    images = {"asset:3": ImageInfo("asset:3", has_exif=True, has_gps=True),
              "asset:4": ImageInfo("asset:4", has_exif=True, exif_tags=("Make", "DateTimeOriginal")),
              "asset:5": ImageInfo("asset:5")}
    found = [f for f in run_checks(context(body, images=images)) if f.code == "phi-suspected"]
    assert [(f.line, f.section) for f in found] == [(5, "Photos"), (7, "Photos")]
    assert "GPS" in found[0].message and "DateTimeOriginal" in found[1].message
