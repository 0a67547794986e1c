"""No regular expression in ``editor/`` can backtrack catastrophically (no sentence freezes Postwright).

Two independent arguments, over every pattern the package uses (``pattern_inventory`` collects
them; nothing is listed by hand):

1. ``regexploit``, a static ReDoS analyser, finds no pattern whose worst case is cubic or worse.
   It is not enough alone: it misses a repeat inside an optional group (the pattern that froze
   Postwright on "The American Heart Association and the American College of Cardiology…" is
   one), which ``test_the_adversarial_search_finds_the_old_freeze`` shows, and it does not see
   the search an anchored pattern makes for where a lazy field ends (the reference parser's).
2. Adversarial strings: Hypothesis draws strings each pattern matches (its own vocabulary; drawn
   from the pattern with its lookarounds and word boundaries dropped, ``regex_analysis``, which
   matches all the pattern does and more), repeats a piece of one many times and spoils its end,
   the classic shape of a ReDoS attack; every pattern must answer each within a per-string
   budget. The writing checks are also run whole on sentences made of their patterns'
   vocabulary, and the reference-string parser whole on pasted runs of its style table's
   vocabulary as long as it reads, each within a budget.

A budget here is not a speed goal: a linear pattern answers in microseconds, a catastrophic one
in seconds or never, so the budgets are many times what the work needs. They count the test
process's CPU time, not the clock, so other work loading the machine neither fails a linear
pattern nor cuts the search short.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from pattern_inventory import FoundPattern, all_patterns, patterns_seen_running
from regex_analysis import relaxed, worst_case

# Budgets in CPU seconds of this process.
PATTERN_BUDGET_S = 0.25  # one pattern over one adversarial string
SENTENCE_BUDGET_S = 1.0  # every writing check over one adversarial sentence
PROBE_TIME_S = 1.0  # drawing strings for one pattern stops after this long
REFERENCE_BUDGET_S = 1.0  # the reference parser over one hostile string as long as it reads (takes < 0.1)
QUALITY = Path(__file__).parent / "checks" / "quality"
# The regulatory pattern as it was when it froze the app (kept to prove the search has teeth).
OLD_FREEZE = (
    r"\b(?:the\s+)?(?:CDC|FDA|(?:[A-Z][\w.&-]*\s+){1,6}?(?:Association|Society|College)(?:\s+(?:of|for|and)\s+"
    r"(?:[A-Z][\w&-]*\s*)+?)?)\s*(?:now\s+|also\s+)?(?:recommends?|advises?)\b"
)


class _OverBudget(Exception):
    pass


class _Enough(Exception):
    """A pattern Hypothesis draws from slowly (lookarounds it must filter for) had its time."""


@contextmanager
def _budget(seconds: float) -> Iterator[None]:
    """Stop the code inside after ``seconds`` of CPU time (``re`` checks for signals while it
    matches); on leaving, the work inside must also have used less than that."""

    def stop(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGVTALRM, stop)
    started = time.process_time()
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    if time.process_time() - started >= seconds:
        raise _OverBudget


def _exercise() -> None:
    """Run what builds patterns inside functions: the checks on the corpus, a render, an import."""
    from editor.core.checks import CheckContext, run_checks
    from editor.core.post.model import Author, Post
    from editor.core.render.renderer import IncrementalRenderer

    for path in sorted(QUALITY.rglob("*.md")):
        post = Post(title="A post", summary="A summary of the post for the search results page.",
                    body=path.read_text(encoding="utf-8"))
        run_checks(CheckContext(post, author=Author(name="Jordan Ellis", credentials="PA-C"),
                                today=dt.date(2026, 1, 1)))
        IncrementalRenderer(lambda keys: {}).render(post.body)


@cache
def _seen_running() -> tuple[FoundPattern, ...]:
    return tuple(patterns_seen_running(_exercise))


@cache
def _patterns() -> tuple[FoundPattern, ...]:
    return tuple(sorted(all_patterns(list(_seen_running())), key=lambda p: (p.where, p.pattern)))


def test_the_inventory_finds_the_patterns_of_every_kind_of_source() -> None:
    wheres = {p.where for p in _patterns()}
    assert len(_patterns()) > 250
    assert any(w.startswith("editor.core.checks.regulatory._BODY") for w in wheres)  # a module global
    assert any(w.startswith("editor.core.checks.promotion._word_pattern()") for w in wheres)  # a cached builder
    seen = _seen_running()  # compiled inside functions, as the checks run
    assert any(p.where.startswith("editor/core/checks/") for p in seen)
    assert any(w.startswith(("editor/gui/", "editor.gui.")) for w in wheres)  # the GUI too


def test_no_pattern_is_cubic_or_worse_for_regexploit() -> None:
    vulnerable = [f"{p.where}: {p.pattern[:120]}" for p in _patterns() if worst_case(p.pattern, p.flags) >= 3]
    assert vulnerable == []


def test_regexploit_sees_through_atomic_groups_and_possessive_repeats() -> None:
    cubic = r"x\s*.*?\s*.*?\s*y"
    assert worst_case(cubic) >= 3
    assert worst_case(r"x\s*+.*?\s*.*?\s*y") == worst_case(r"x(?>\s*).*?\s*.*?\s*y") == worst_case(cubic)


def test_relaxing_a_pattern_only_widens_it() -> None:
    pattern = re.compile(r"\bDr(?=\.)\.?\s+[A-Z][a-z]+(?!-)(?<=[a-z])[(?=]\b")
    assert relaxed(pattern).pattern == r"Dr\.?\s+[A-Z][a-z]+[(?=]"
    for kept in (r"[ ]{0,3}(?=(?P<g>-{3,}))(?P=g)$",  # the lookahead holds a group the pattern refers to
                 r"\b[^.]++(?!\.)", r"\b(?>a|ab)(?!c)", r"(?:x)?+(?=y)", r"\b\d{2,}+(?!\d)"):  # built to be linear
        assert relaxed(re.compile(kept)).pattern == kept
    assert relaxed(re.compile(r"\b\++[+]+(?!x)")).pattern == r"\++[+]+"  # "+" escaped or in a class: not possessive


def _attack(draw: st.DrawFn, pattern: re.Pattern[str]) -> str:
    """A string the pattern matches, with one piece of it repeated and its end spoiled."""
    matching = draw(st.from_regex(relaxed(pattern), fullmatch=True))
    assume(len(matching) >= 1)
    start = draw(st.integers(0, len(matching) - 1))
    end = draw(st.integers(start + 1, min(len(matching), start + 12)))
    repeats = draw(st.integers(8, 40))
    cut = draw(st.integers(end, len(matching)))
    spoiler = draw(st.sampled_from(["!", "0", " ", "x", "@", ".", "\n", "-", "A", "é"]))
    return matching[:start] + matching[start:end] * repeats + matching[end:cut] + spoiler


def _answers_within_budget(pattern: re.Pattern[str], text: str) -> bool:
    try:
        with _budget(PATTERN_BUDGET_S):
            for _ in pattern.finditer(text):
                pass
    except _OverBudget:
        return False
    return True


def _probe(pattern: re.Pattern[str], examples: int, failures: list[str],
           probe_time: float = PROBE_TIME_S, derandomize: bool = False) -> Callable[[], None]:
    stop_at = time.process_time() + probe_time

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=derandomize)
    @given(st.composite(_attack)(pattern))
    def probe(text: str) -> None:
        if time.process_time() > stop_at:
            raise _Enough
        if not _answers_within_budget(pattern, text):
            failures.append(f"{pattern.pattern[:80]!r} on {text[:120]!r}")
            raise AssertionError("over budget")

    return probe


def _adversarial_failures(patterns: list[re.Pattern[str]], examples: int,
                          probe_time: float = PROBE_TIME_S, *, derandomize: bool = False) -> list[str]:
    failures: list[str] = []
    for pattern in patterns:
        try:
            _probe(pattern, examples, failures, probe_time, derandomize)()
        except (AssertionError, _Enough):
            pass  # a failure is recorded (one failing string per pattern is enough)
        except Unsatisfiable:
            pass  # Hypothesis cannot draw a match (a lookaround it cannot satisfy): the sentence test covers it
    return failures


def test_the_adversarial_search_finds_the_old_freeze() -> None:
    # The same draws on every run: a random search may miss in 300 examples, and a self-test of the
    # search must not fail by chance.
    assert _adversarial_failures([re.compile(OLD_FREEZE, re.I)], examples=300, probe_time=60, derandomize=True)


def _check_patterns() -> list[re.Pattern[str]]:
    return [p.compiled for p in _patterns() if p.where.startswith(("editor.core.checks", "editor/core/checks"))]


def test_every_check_pattern_answers_adversarial_strings_within_budget() -> None:
    assert _adversarial_failures(_check_patterns(), examples=15) == []


@pytest.mark.parametrize("prefix", ["editor.core.", "editor/core/", "editor.gui", "editor/gui", "editor.cli",
                                    "editor/cli"])
def test_every_other_pattern_answers_adversarial_strings_within_budget(prefix: str) -> None:
    others = [p.compiled for p in _patterns() if p.where.startswith(prefix)
              and not p.where.startswith(("editor.core.checks", "editor/core/checks"))]
    assert _adversarial_failures(others, examples=8) == []


def _literal_runs(pattern: re.Pattern[str]) -> Iterator[str]:
    """The literal words of a pattern ("recommends", "Food and Drug"), read from its parse tree."""
    from re import _constants as constants  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]

    def walk(items: object) -> Iterator[str]:
        run: list[str] = []
        for op, value in items:  # type: ignore[attr-defined]
            if op is constants.LITERAL:
                run.append(chr(value))
                continue
            if len(run) > 1:
                yield "".join(run)
            run = []
            if op is constants.SUBPATTERN:
                yield from walk(value[-1])
            elif op is constants.BRANCH:
                for branch in value[1]:
                    yield from walk(branch)
            elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT, constants.POSSESSIVE_REPEAT):
                yield from walk(value[2])
            elif op in (constants.ASSERT, constants.ASSERT_NOT):
                yield from walk(value[1])
            elif op is constants.ATOMIC_GROUP:
                yield from walk(value)
        if len(run) > 1:
            yield "".join(run)

    yield from walk(parser.parse(pattern.pattern, pattern.flags))


@cache
def _vocabulary() -> tuple[str, ...]:
    words = {run.strip() for pattern in _check_patterns() for run in _literal_runs(pattern)}
    return tuple(sorted(word for word in words if word))


@st.composite
def _adversarial_sentence(draw: st.DrawFn) -> str:
    vocabulary = _vocabulary()
    token = st.one_of(st.sampled_from(vocabulary), st.sampled_from(["Maria", "American", "Heart", "Cardiology",
                                                                     "the", "and", "of", "2024", "12", "4.5", "%"]),
                      st.from_regex(r"[A-Z][a-z]{1,12}|\d{1,5}|[.,;:()$#@/-]", fullmatch=True))
    words = draw(st.lists(token, min_size=1, max_size=14))
    separator = draw(st.sampled_from([" ", "  ", "", ", ", "-", " of ", " and "]))
    pump = draw(st.integers(0, len(words) - 1))
    words[pump:pump + 1] = [words[pump]] * draw(st.integers(1, 40))
    ending = draw(st.sampled_from([".", "!", "?", "", " [@ref].", ":"]))
    return separator.join(words) + ending


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(_adversarial_sentence())
def test_the_writing_checks_answer_adversarial_sentences_within_budget(sentence: str) -> None:
    from editor.core.checks import CheckContext, run_checks
    from editor.core.post.model import Author, Post

    post = Post(title=sentence[:80], summary=sentence[:160], body=f"{sentence}\n\n## {sentence[:60]}\n\n{sentence}\n")
    try:
        with _budget(SENTENCE_BUDGET_S):
            run_checks(CheckContext(post, author=Author(name="Jordan Ellis"), today=dt.date(2026, 1, 1)))
    except _OverBudget:
        pytest.fail(f"The checks took over {SENTENCE_BUDGET_S} s on {sentence!r}")


def test_the_sentence_that_froze_the_app_is_checked_at_once() -> None:
    from editor.core.checks import CheckContext, run_checks
    from editor.core.post.model import Post

    sentence = ("The American Heart Association and the American College of Cardiology updated their advice on "
                "blood pressure and surgery in older adults.")
    with _budget(SENTENCE_BUDGET_S):
        run_checks(CheckContext(Post(title="Blood pressure", body=f"## Advice\n\n{sentence}\n")))


# The reference-string parser reads what people paste, up to freetext.parser.MAX_LENGTH characters.
# Pasted runs in the shapes that made its first style table backtrack: repeated initials, repeated
# ". ", runs of commas, semicolons and digits, and the separators its rows are built around.
HOSTILE_RUNS = ["a. ", "A. ", ". ", "Smith J. ", "Smith JA, ", "Smith, J. A., ", ",", ", ", ";", "; ", "1", "12;",
                "2019;", "(", "1(", "[", "\"", "\"a\" ", "? ", "a? ", "St. ", "In: a eds. ", "In eds. ", "In a. ",
                "(2019). In a. (Eds.), ", "2nd ed. ", "Philadelphia: ", "e964-", "van der ", "et al. ", "-", "x"]
_REFERENCE_WORDS = ["a", "A", "x", "Smith J", "Smith JA", "Smith, J. A.", "et al", "1", "12", "2019", "e964",
                    "e964-e999", "Suppl", "St", "2nd ed", "https://example.org/a", "doi:10.1000/x(1)", "PMID: 1",
                    "[Internet]", "Accessed May 5, 2020", "Report No. 5"]
_SEPARATORS = [". ", ", ", "; ", ": ", "? ", "! ", ".", ",", ";", ":", " ", "(", ")", "[", "]", "\"", "-", "&"]


def _parse_within_budget(text: str) -> None:
    from editor.core.references.freetext.parser import parse_reference

    try:
        with _budget(REFERENCE_BUDGET_S):
            parsed = parse_reference(text)
    except _OverBudget:
        pytest.fail(f"parse_reference took over {REFERENCE_BUDGET_S} s on {text[:200]!r}…")
    assert "too long to be one reference" not in parsed.problems  # it was read, not turned away


def _pasted(prefix: str, unit: str, suffix: str) -> str:
    from editor.core.references.freetext.parser import MAX_LENGTH

    return prefix + (unit * MAX_LENGTH)[: max(0, MAX_LENGTH - len(prefix) - len(suffix))] + suffix


@pytest.mark.parametrize("unit", HOSTILE_RUNS)
def test_the_reference_parser_reads_a_pasted_run_within_budget(unit: str) -> None:
    _parse_within_budget(_pasted("", unit, "!"))


@cache
def _reference_vocabulary() -> tuple[str, ...]:
    from editor.core.references.freetext.styles import COMPILED

    words = {run for _, pattern in COMPILED for run in _literal_runs(pattern)}
    return tuple(sorted(words | set(_REFERENCE_WORDS) | set(_SEPARATORS)))


@st.composite
def _hostile_reference(draw: st.DrawFn) -> str:
    pieces = st.lists(st.sampled_from(_reference_vocabulary()), min_size=0, max_size=6).map("".join)
    unit = draw(pieces.filter(bool))
    return _pasted(draw(pieces), unit, draw(pieces))


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(_hostile_reference())
@example(_pasted("", "a. ", "!"))  # 8 s at 1,600 characters before the style table was made linear
@example(_pasted("", "a. In: b eds. ", "!"))  # minutes before
def test_the_reference_parser_reads_hostile_strings_within_budget(text: str) -> None:
    _parse_within_budget(text)


def test_an_imported_reference_entry_with_a_long_run_of_spaces_is_judged_at_once() -> None:
    # Found by the adversarial search: the Vancouver shape's "\s+", container and "\s*" all took
    # the same spaces (a page's &nbsp; and thin spaces), cubic in the run (1.6 s at 500 characters).
    from editor.core.importers.model import ReferenceEntry
    from editor.core.importers.refentries import looks_like_reference

    spaces = "\u2006\u205f\x1d\x1f\xa0\x1f\u2002\u202f\u2000\xa0\u205f\x1f \u2000\t"
    text = ("Smith J, Brown K. Aspirin for the heart! " + spaces * 100)[:1490] + "x"
    with _budget(REFERENCE_BUDGET_S):
        assert not looks_like_reference(ReferenceEntry(number=1, text=text))
