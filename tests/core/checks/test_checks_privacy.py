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
    assert len(found) == 1 and ("patient's name" in found[0].message or "age next to a person's name"
                                in found[0].message)


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
    body = "Intro.\n\n## Photos\n\n![Week 1](asset:3)\n\n![Week 8](asset:4)\n\n![Chart](asset:5)\n"
    images = {"asset:3": ImageInfo("asset:3", has_exif=True, has_gps=True),
              "asset:4": ImageInfo("asset:4", has_exif=True, exif_tags=("Make", "DateTimeOriginal")),
              "asset:5": ImageInfo("asset:5")}
    found = [f for f in run_checks(context(body, images=images)) if f.code == "phi-suspected"]
    assert [(f.line, f.section) for f in found] == [(5, "Photos"), (7, "Photos")]
    assert "GPS" in found[0].message and "DateTimeOriginal" in found[1].message


@pytest.mark.parametrize(("body", "text"), [
    ("Her MRN is 00482913.", "MRN is 00482913"),
    ("MRN 123456 was on the form.", "MRN 123456"),
    ("See MRN#12345 in the chart.", "MRN#12345"),
    ("Her chart number is 55-2231.", "chart number is 55-2231"),
    ("His plan number is HX88213.", "plan number is HX88213"),
    ("DOB 04/12/1971 was on the form.", "DOB 04/12/1971"),
    ("She was born on May 2, 1950.", "born on May 2, 1950"),
    ("My grandmother turned 94-year-old last spring.", "94-year-old"),
    ("He is 92 years old and still gardens.", "92 years old"),
    ("Fax the form to 555-201-7788.", "555-201-7788"),
    ("She lives in Springfield with her sister.", "lives in Springfield"),
    ("Mail it to Portland, OR 97201 please.", "OR 97201"),
    ("The pacemaker serial number is PM-2231-88.", "serial number is PM-2231-88"),
    ("The login came from 192.168.10.24 that night.", "192.168.10.24"),
])
def test_more_safe_harbor_identifiers(body: str, text: str) -> None:
    found = phi(body)
    assert len(found) == 1, found
    assert found[0].column == body.index(text) + 1


@pytest.mark.parametrize("body", [
    "Maria, 54, came in with knee pain.",
    "Tom (61) started the new dose.",
    "54-year-old Maria lost 20 pounds.",
    "Maria is 54 and walks daily.",
])
def test_any_age_next_to_a_name(body: str) -> None:
    found = phi(body)
    assert len(found) == 1 and "age next to a person's name" in found[0].message


def test_the_clinics_public_contacts_can_be_set_once() -> None:
    from editor.core.checks import CheckSettings

    body = "Call us at (555) 201-3344 or write to front.desk@clinic.example. We are at 12 Main Street."
    assert len(phi(body)) == 3
    settings = CheckSettings.from_dict(
        {"public_contacts": ["555-201-3344", "front.desk@clinic.example", "12 Main Street"]})
    assert phi(body, settings=settings) == []
    assert phi("Her cell is 555-201-9999.", settings=settings) != []


def test_photos_that_may_show_a_face_need_consent() -> None:
    found = phi("Intro.\n\n![Patient before treatment](asset:3)\n")
    assert len(found) == 1 and "written consent" in found[0].message


@pytest.mark.parametrize("body", [
    "Our clinic hosts a free screening on March 4.",
    "In March 2023, the FDA approved a new dose.",
    "Children under 2 years old need a smaller dose.",
    "Take 2 tablets with 8 ounces of water.",
    "Adults over 65 years old should get the vaccine.",
])
def test_more_not_phi(body: str) -> None:
    assert phi(body) == []


@pytest.mark.parametrize(("sentence", "site_identity"), [
    ("Her date of birth is 4/12/1961 and she has diabetes.", False),
    ("His MRN: 00482913 was on the form.", False),
    ("Her SSN ends in 4821.", False),
    ("In March 2023 she came in for a checkup.", False),
    ("Call her at 555-201-8890 after the visit.", True),
    ("Write to jane.doe@example.com for the forms.", True),
])
def test_the_advice_fits_the_finding(sentence: str, site_identity: bool) -> None:
    from editor.core.checks import CheckContext, run_checks
    from editor.core.post.model import Post

    found = [f for f in run_checks(CheckContext(Post(title="Advice", body=f"## Case\n\n{sentence}\n")))
             if f.code == "phi-suspected"]
    assert found
    assert all(("Site identity" in f.message) == site_identity for f in found), [f.message for f in found]
