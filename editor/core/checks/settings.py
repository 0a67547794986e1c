"""Check configuration: which checks run, at what severity, and their thresholds.

Stored in the library settings under the key ``checks`` as a JSON object, e.g.::

    {"off": ["passive-voice"], "severity": {"long-sentence": "warning"},
     "reading_level_target": 6, "stale_years": 5,
     "public_contacts": ["(555) 201-3344", "front.desk@clinic.example", "12 Main Street"]}

Missing keys take the defaults below; unknown keys are ignored so older copies of
Postwright can read settings written by newer ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any

from editor.core.checks.finding import SEVERITIES
from editor.core.foundation.errors import ValidationError

SETTINGS_KEY = "checks"
# The families a medical editor must sign off: errors that block the website exits, which a
# clinic may lower to warnings (``check --lower CODE``); the audit report names any lowered.
CLAIM_FAMILIES = {
    "uncited-claim": "uncited statistics, proportions and efficacy claims",
    "uncited-regulatory-claim": "uncited regulatory, coverage and guideline claims",
    "promotional-language": "promotional claims and offers",
    "phi-suspected": "possible patient details",
}
_NOT_NUMERIC = ("off", "severity", "public_contacts")


@dataclass(frozen=True)
class CheckSettings:
    off: frozenset[str] = frozenset()
    severity: tuple[tuple[str, str], ...] = ()  # (code, severity) overrides
    reading_level_target: float = 8.0  # Flesch-Kincaid grade; NIH advises below 8th grade
    reading_level_min_words: int = 100  # shorter posts give no meaningful grade
    smog_min_sentences: int = 30  # SMOG is only valid from 30 sentences
    long_sentence_words: int = 25
    long_paragraph_words: int = 150
    passive_max_share: float = 0.25  # share of a section's sentences in the passive voice
    passive_min_sentences: int = 4
    title_max_chars: int = 60
    meta_min_chars: int = 50
    meta_max_chars: int = 160
    review_months: int = 12
    stale_years: int = 10
    # The clinic's own public phone numbers, e-mail and street address: never reported as PHI.
    public_contacts: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        return code not in self.off

    def with_families(self, *, lower: Iterable[str] = (), restore: Iterable[str] = ()) -> CheckSettings:
        """These settings with claim families lowered to warnings, or restored to blocking errors."""
        lower, restore = list(lower), list(restore)
        unknown = [code for code in (*lower, *restore) if code not in CLAIM_FAMILIES]
        if unknown:
            raise ValidationError(f"{unknown[0]!r} is not a claim family; use one of {', '.join(CLAIM_FAMILIES)}.")
        severity = dict(self.severity)
        severity.update({code: "warning" for code in lower})
        for code in restore:
            severity.pop(code, None)
        return replace(self, severity=tuple(sorted(severity.items())), off=self.off - set(restore))

    def lowered(self) -> dict[str, str]:
        """The claim families this clinic turned off or lowered below an error: code → what it is now."""
        overrides = dict(self.severity)
        lowered = {code: "off" for code in CLAIM_FAMILIES if code in self.off}
        lowered.update({code: overrides[code] for code in CLAIM_FAMILIES
                        if code not in lowered and overrides.get(code, "error") != "error"})
        return lowered

    def severity_for(self, code: str, default: str) -> str:
        return dict(self.severity).get(code, default)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> CheckSettings:
        """Read the stored JSON object; raises ValidationError naming a bad value."""
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ValidationError(f"The '{SETTINGS_KEY}' setting must be an object, not {type(data).__name__}.")
        changes: dict[str, Any] = {}
        numeric = {f.name: f.type for f in fields(cls) if f.name not in _NOT_NUMERIC}
        for key, value in data.items():
            if key == "off":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValidationError(f"Check setting 'off' must be a list of check codes, got {value!r}.")
                changes["off"] = frozenset(value)
            elif key == "severity":
                changes["severity"] = _read_severity(value)
            elif key == "public_contacts":
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValidationError(
                        f"Check setting 'public_contacts' must be a list of phone numbers, e-mails or addresses, "
                        f"got {value!r}.")
                changes["public_contacts"] = tuple(v.strip() for v in value if v.strip())
            elif key in numeric:
                if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                    raise ValidationError(f"Check setting '{key}' must be a non-negative number, got {value!r}.")
                changes[key] = int(value) if numeric[key] == "int" else float(value)
        return replace(cls(), **changes)

    def to_dict(self) -> dict[str, Any]:
        default = CheckSettings()
        data: dict[str, Any] = {}
        if self.off:
            data["off"] = sorted(self.off)
        if self.severity:
            data["severity"] = dict(self.severity)
        if self.public_contacts:
            data["public_contacts"] = list(self.public_contacts)
        for f in fields(self):
            if f.name in _NOT_NUMERIC:
                continue
            if getattr(self, f.name) != getattr(default, f.name):
                data[f.name] = getattr(self, f.name)
        return data


def _read_severity(value: Any) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ValidationError(f"Check setting 'severity' must map check codes to a severity, got {value!r}.")
    for code, severity in value.items():
        if severity not in SEVERITIES:
            raise ValidationError(
                f"Check setting 'severity' for '{code}' must be one of {', '.join(SEVERITIES)}, got {severity!r}."
            )
    return tuple(sorted(value.items()))
