"""The closest known name to one that was not found, as a person mistypes it."""

from __future__ import annotations

import pytest

from editor.core.foundation.suggest import closest, did_you_mean, end_of_not_found

SLUGS = ["glp1-what-to-know", "statins-and-muscle-pain", "sleep-apnea-basics", "blood-pressure-at-home",
         "cutting-back-on-alcohol", "glp1-and-your-heart"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("glp1", "glp1-what-to-know"),  # typed short: the start of the slug
    ("glp-1-what-to-know", "glp1-what-to-know"),  # other punctuation
    ("statin", "statins-and-muscle-pain"),
    ("sleep-apnoea-basics", "sleep-apnea-basics"),  # a spelling slip
    ("blood-presure-at-home", "blood-pressure-at-home"),
    ("alcohol", "cutting-back-on-alcohol"),  # a word of it
    ("Cutting-Back", "cutting-back-on-alcohol"),  # capitals
])
def test_the_post_meant_comes_first(typed, expected):
    assert closest(typed, [slug for slug in SLUGS if slug != "glp1-and-your-heart"])[0] == expected


def test_several_close_ones_are_offered_best_first():
    assert set(closest("glp1", SLUGS)) == {"glp1-what-to-know", "glp1-and-your-heart"}
    assert closest("glp1-heart", SLUGS)[0] == "glp1-and-your-heart"
    assert did_you_mean("wilding2012", ["wilding2021", "wilding2022", "rubino2021"]) == \
        "; did you mean 'wilding2021' or 'wilding2022'?"


@pytest.mark.parametrize("typed", ["zzz", "x", "", "ab", "knee-replacement"])
def test_nothing_is_offered_when_nothing_is_close(typed):
    assert closest(typed, SLUGS) == []
    assert end_of_not_found(typed, SLUGS) == "."


def test_at_most_three_and_no_repeats():
    names = [f"wilding202{n}" for n in range(9)] + ["wilding2021"]
    found = closest("wilding2020x", names)
    assert len(found) == 3 and len(set(found)) == 3


def test_site_names_with_spaces():
    assert did_you_mean("clinic", ["Riverside Clinic site", "Staging"]) == "; did you mean 'Riverside Clinic site'?"
    assert did_you_mean("clinc", ["clinic", "staging"]) == "; did you mean 'clinic'?"
