"""What a post is on a site right now, and what each publishing choice will do to it.

WordPress has no "update but keep it live" switch: an update carries a status, and an
update of a live post sent as ``draft`` or ``pending`` takes the page off the site. So
the choices are named by what they do to the post as it is on the site now: for a live
post the default is "Update the live post" (the status is not sent at all), and taking
it off the site is a separate choice marked ``unpublishes`` that a person confirms.

WordPress core has no "pending revision" of a live post (a plugin adds that; core's
``pending`` status is simply not public), so no such choice is offered: a change to a
live post is either live at once or the post comes off the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

NOT_ON_SITE = "none"
# Statuses where patients can read the post now or will at a set time.
PUBLIC_STATUSES = ("publish", "future")
STATUSES = ("draft", "pending", "publish")


@dataclass(frozen=True)
class RemoteState:
    """A post's copy on one site as the site answered just now."""

    status: str = NOT_ON_SITE  # WordPress's status ("publish", "future", "draft", "pending", "private") or "none"
    remote_id: int | None = None
    title: str = ""
    link: str = ""
    date: str = ""  # WordPress's ``date``: publication (or scheduled) time in the site's time zone
    found: str = ""  # "linked" (our record), "marked" (carries this post's mark), "slug" (same address), ""
    edited_there: bool = False  # changed on the site since our last publish
    deleted: bool = False  # our record points at a post the site no longer has (or has in the trash)

    def describe(self) -> str:
        """One line for the Publish dialog and the CLI: "Live on the site since 3 March 2025"."""
        when = _day(self.date)
        if self.status == "publish":
            return f"Live on the site since {when}" if when else "Live on the site"
        if self.status == "future":
            return f"Scheduled for {when}, {_clock(self.date)} (the site's time)" if when else "Scheduled"
        return {
            "draft": "Draft on the site", "pending": "Pending review on the site",
            "private": "Private on the site (only its editors see it)",
        }.get(self.status, "Not on this site yet" if self.status == NOT_ON_SITE else f"On the site ({self.status})")


def status_words(status: str) -> str:
    """How a WordPress status reads in a sentence: "live", "a draft", "pending review"…"""
    return {"publish": "live", "future": "scheduled", "draft": "a draft", "pending": "pending review",
            "private": "private", "trash": "in the trash", NOT_ON_SITE: "not on the site"}.get(status, status)


@dataclass(frozen=True)
class Action:
    """One thing the Publish dialog (or ``publish --status``) can do."""

    key: str  # "keep" or the status to send
    status: str | None  # what is sent; None keeps the site's status (and a schedule's date)
    label: str
    unpublishes: bool = False  # takes the post off the public site: a separate, confirmed choice


def actions(state: RemoteState, *, can_publish: bool = True) -> list[Action]:
    """The choices for a post in ``state``, the default (nothing taken offline) first."""
    status = state.status
    if status == NOT_ON_SITE:
        out = [Action("draft", "draft", "Save as a draft on the site"),
               Action("pending", "pending", "Send for review (pending)"),
               Action("publish", "publish", "Publish now")]
    elif status == "publish":
        out = [Action("keep", None, "Update the live post"),
               Action("draft", "draft", "Unpublish: take it off the site, keep it as a draft", unpublishes=True),
               Action("pending", "pending", "Unpublish and send for review (pending)", unpublishes=True)]
    elif status == "future":
        out = [Action("keep", None, "Update the scheduled post (it stays scheduled)"),
               Action("publish", "publish", "Update and publish now"),
               Action("draft", "draft", "Unschedule: keep it as a draft", unpublishes=True)]
    elif status == "pending":
        out = [Action("keep", None, "Update the post waiting for review"),
               Action("publish", "publish", "Update and publish now"),
               Action("draft", "draft", "Update and move it back to drafts")]
    elif status == "private":
        out = [Action("keep", None, "Update the private post"),
               Action("publish", "publish", "Update and make it public"),
               Action("draft", "draft", "Update and move it to drafts")]
    else:  # draft, or a status a plugin added: keep it
        out = [Action("keep", None, "Update the draft on the site" if status == "draft" else "Update the post"),
               Action("pending", "pending", "Update and send for review (pending)"),
               Action("publish", "publish", "Update and publish now")]
    return [a for a in out if can_publish or a.status != "publish"]


def action_for(state: RemoteState, status: str | None) -> Action:
    """The choice a requested status means (None: keep the site's status; a new post is a draft)."""
    if status is None:
        return actions(state)[0]
    for action in actions(state):
        if action.status == status:
            return action
    return Action("keep", None, actions(state)[0].label)  # the status it already has: nothing to change


def _parse(date: str) -> datetime | None:
    try:
        return datetime.fromisoformat(date) if date else None
    except ValueError:
        return None


def _day(date: str) -> str:
    moment = _parse(date)
    return f"{moment.day} {moment:%B %Y}" if moment else ""


def _clock(date: str) -> str:
    moment = _parse(date)
    return f"{moment:%H:%M}" if moment else ""


def moment_words(date: str) -> str:
    """``2026-12-07T08:36:57`` → "7 December 2026, 08:36" (empty when it is not a date)."""
    return f"{_day(date)}, {_clock(date)}" if _parse(date) else ""
