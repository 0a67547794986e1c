"""Regulatory, coverage and guideline claims: who (an agency, a payer, a society, "guidelines")
said, approved, covers or requires what.

A claim is a *body* — named in full or by its abbreviation — followed closely by a *claim verb*
("The American Heart Association now recommends…", "Medicare Part B covers…", "your insurance
must cover…", "guidelines say…"), or a claim verb followed by the body ("approved by the FDA",
"covered by Medicaid", "according to the CDC", "under the Affordable Care Act"). Both halves are
found by two linear patterns and paired in Python, so no sentence can make them backtrack.

A body named without a claim ("the CDC website has a good checklist") and a question about
coverage ("ask whether Medicare covers it") are not claims.
"""

from __future__ import annotations

import re
from functools import lru_cache

from editor.core.checks.scanning_regex import compile_scanning

# Agencies, payers, laws and the major professional societies, full names and abbreviations.
_AGENCIES = (
    r"(?:U\.?S\.?\s+|US\s+)?Food\s+and\s+Drug\s+Administration|FDA|"
    r"Centers?\s+for\s+Disease\s+Control(?:\s+and\s+Prevention)?|CDC|"
    r"National\s+Institutes?\s+of\s+Health|NIH|National\s+Cancer\s+Institute|NCI|"
    r"(?:U\.?S\.?\s+|US\s+)?Preventive\s+Services\s+Task\s+Force|USPSTF|Task\s+Force|"
    r"Centers?\s+for\s+Medicare\s+(?:&|and)\s+Medicaid\s+Services|CMS|"
    r"World\s+Health\s+Organi[sz]ation|WHO|Advisory\s+Committee\s+on\s+Immuni[sz]ation\s+Practices|ACIP|"
    r"Agency\s+for\s+Healthcare\s+Research\s+and\s+Quality|AHRQ|NICE|European\s+Medicines\s+Agency|EMA|"
    r"Health\s+Canada|Surgeon\s+General|Department\s+of\s+Health(?:\s+and\s+Human\s+Services)?|HHS"
)
_PAYERS = (
    r"Medicare(?:\s+Advantage|\s+Part\s+[ABCD]|\s+Parts\s+[ABCD](?:\s+and\s+[ABCD])?)?|Medicaid|Medi-Cal|CHIP|"
    r"Tricare|the\s+VA|Affordable\s+Care\s+Act|ACA|Obamacare|"
    # "your plan" alone is too often an action plan or a care plan: a payer's plan is named as one.
    r"(?:your|most|all|many|private|every|the|a)\s+(?:health\s+)?(?:insurance(?:\s+(?:plan|company|companies))?|"
    r"insurers?|insurance\s+carriers?)|(?:health|insurance|drug|prescription|Part\s+D|Medicare|Medicaid)\s+plans?|"
    r"insurers|insurance\s+companies|insurance"
)
_SOCIETIES = (
    r"American\s+(?:Heart|Diabetes|Cancer|Lung|Stroke|Urological|Thyroid|Psychiatric|Medical)\s+(?:Association|Society)|"
    # The name's own words are capitalised ("American Academy of Pediatrics recommends…").
    r"American\s+(?:College|Academy|Society|Board)\s+of\s+(?-i:[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3})|"
    r"American\s+Gastroenterological\s+Association|Endocrine\s+Society|Infectious\s+Diseases\s+Society\s+of\s+America|"
    r"National\s+Comprehensive\s+Cancer\s+Network|Alzheimer's\s+Association|Arthritis\s+Foundation|"
    r"AHA|ACC|ADA|ACS|AAP|ACOG|AAFP|AAD|ACP|ACG|AGA|ATS|IDSA|NCCN|ASCO|AASM|AUA|ACR|AAN|APA|ACSM|NAMS|ASMBS|"
    r"(?:national|current|clinical|official|medical|new|updated|federal|practice|screening|treatment|dietary)\s+"
    r"guidelines?|(?:the|most|these|those)\s+guidelines|guidelines|expert\s+(?:panels?|groups?)"
)
# Abbreviations are matched case-sensitively (capitals); names case-blind.
_BODY = compile_scanning(rf"\b(?:{_AGENCIES}|{_PAYERS}|{_SOCIETIES})\b", re.I)
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")
_CLAIM_VERB = compile_scanning(
    r"\b(?:now\s+|also\s+|strongly\s+|still\s+|generally\s+|officially\s+|only\s+|fully\s+|usually\s+)?"
    r"(?:recommends?|recommended|recommending|advises?|advised|urges?|urged|endorses?|endorsed|"
    r"calls?\s+for|called\s+for|says?|said|stated|suggests?|suggested|warns?|warned|"
    r"approves?|approved|clears?|cleared|authori[sz]es?|authori[sz]ed|"
    r"covers?|covered|pays?\s+for|paid\s+for|reimburses?|reimbursed|"
    r"requires?|required|mandates?|mandated|must|will\s+(?:cover|pay)|has\s+to|have\s+to|"
    r"updated\s+(?:its|their)\s+(?:advice|guidance|guidelines?|recommendations?)|"
    r"lowered|raised|changed\s+(?:its|their)\s+(?:advice|guidance)|considers?|classif(?:y|ies)|defines?|defined|"
    r"sets?\s+(?:the\s+|a\s+)?(?:target|goal|limit|threshold))\b",
    re.I)
_BEFORE_BODY = compile_scanning(
    r"\b(?:(?:approved|cleared|authori[sz]ed|recommended|endorsed|covered|paid\s+for|reimbursed|required|"
    r"mandated)\s+by|according\s+to|under|per)\s+(?:the\s+)?$", re.I)
_QUESTION = compile_scanning(r"\b(?:whether|if|ask|check|find\s+out|see)\b[^.?!]{0,30}$", re.I)
_WORDS_BETWEEN = 8  # "The American Heart Association, in its 2024 update, now recommends"
_WORD = re.compile(r"[\w’'-]+")

# A sentence is read for bodies only when it holds one of these words (lower case) or abbreviations
# (capitals, as written: "acc" is in "access", "ACC" is the College).
_NEEDS = ("food and drug", "disease control", "institute", "task force", "medicare", "medicaid", "medi-cal",
          "tricare", "affordable care", "obamacare", "insur", "health plan", "drug plan", "prescription plan",
          "part d", "world health", "immuni", "healthcare research", "medicines agency", "health canada", "surgeon",
          "department of health", "association", "society", "college", "academy", "board", "network",
          "foundation", "guideline", "expert panel", "expert group", "proven", "tested", "validated", "the va")
_ABBREVIATIONS = compile_scanning(r"\b(?:FDA|CDC|NIH|NCI|USPSTF|CMS|WHO|ACIP|AHRQ|NICE|EMA|HHS|CHIP|ACA|AHA|"
                                  r"ACC|ADA|ACS|AAP|ACOG|AAFP|AAD|ACP|ACG|AGA|ATS|IDSA|NCCN|ASCO|AASM|AUA|ACR|AAN|APA|ACSM|NAMS|ASMBS)\b")
_SCIENCE = compile_scanning(r"\b(?:clinically|scientifically|medically)\s+(?:proven|tested|validated)\b", re.I)
_FDA_APPROVED = compile_scanning(r"\bFDA[- ]?(?:approved|cleared|approval|clearance|authori[sz]ed)\b", re.I)


BodyClaim = tuple[int, int]  # start and end of the claim in its sentence


def _bodies(sentence: str) -> list[re.Match[str]]:
    found = []
    for match in _BODY.finditer(sentence):
        text = match.group()
        if _ABBREVIATION.fullmatch(text.upper()) and not _ABBREVIATION.fullmatch(text):
            continue  # "who", "aha", "ada": an abbreviation only in capitals
        found.append(match)
    return found


@lru_cache(maxsize=4096)
def regulatory_spans(sentence: str) -> tuple[BodyClaim, ...]:
    """The regulatory, coverage and guideline claims in one sentence, in order, without overlaps."""
    lower = sentence.lower()
    if not any(word in lower for word in _NEEDS) and not _ABBREVIATIONS.search(sentence):
        return ()
    spans: list[BodyClaim] = []
    if "fda" in lower:
        spans.extend(m.span() for m in _FDA_APPROVED.finditer(sentence))
    if "proven" in lower or "tested" in lower or "validated" in lower:
        spans.extend(m.span() for m in _SCIENCE.finditer(sentence))
    if _BODY.search(sentence):
        verbs = list(_CLAIM_VERB.finditer(sentence))
        for body in _bodies(sentence):
            claim = _claim_after(sentence, body, verbs) or _claim_before(sentence, body)
            if claim is not None and not _QUESTION.search(sentence, 0, claim[0]):
                spans.append(claim)
    kept: list[BodyClaim] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if not (kept and span[0] < kept[-1][1]):
            kept.append(span)
    return tuple(kept)


def _claim_after(sentence: str, body: re.Match[str], verbs: list[re.Match[str]]) -> BodyClaim | None:
    for verb in verbs:
        if verb.start() < body.end():
            continue
        if len(_WORD.findall(sentence, body.end(), verb.start())) > _WORDS_BETWEEN:
            return None
        start = _with_article(sentence, body.start())
        return start, verb.end()
    return None


_ARTICLE = compile_scanning(r"\bthe\s+$", re.I)


def _with_article(sentence: str, start: int) -> int:
    """Where "the CDC" starts when the body is "CDC"."""
    article = _ARTICLE.search(sentence, max(0, start - 8), start)
    return article.start() if article else start


def _claim_before(sentence: str, body: re.Match[str]) -> BodyClaim | None:
    window_start = max(0, body.start() - 40)
    before = _BEFORE_BODY.search(sentence, window_start, body.start())
    if before is None:
        return None
    return before.start(), body.end()
