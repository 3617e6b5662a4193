"""The code a clerk most likely types next: protocols number their decisions in order (3.1, 3.2,
3.3 …), so after saving 3.2 "Save and new" offers 3.3, or the next one not yet taken in the forum."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from secretariat_app.core.models import Decision

#: the last number in a code: "3.2" -> "2", "IV-12" -> "12", "3.2.1" -> "1"
_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")
#: how far past a taken code to look before giving up on a suggestion
_MAX_STEPS = 1000


def next_decision_code(after: str, taken: Iterable[str] = ()) -> str:
    """The code after ``after`` (its last number plus one, as wide as it was written: 3.09 -> 3.10)
    that is not in ``taken``; empty when ``after`` has no number to count on."""
    used = {code.strip() for code in taken}
    code = after.strip()
    for _step in range(_MAX_STEPS):
        match = _LAST_NUMBER.search(code)
        if match is None:
            return ""
        digits = match.group(1)
        following = str(int(digits) + 1).zfill(len(digits))
        code = code[: match.start()] + following + code[match.end() :]
        if code not in used:
            return code
    return ""


def forum_codes(session: Session, forum_id: int) -> list[str]:
    """The codes the forum's decisions already have."""
    return list(session.scalars(select(Decision.code).where(Decision.forum_id == forum_id)))


def suggested_next_code(session: Session, forum_id: int, after: str) -> str:
    """What "Save and new" offers after saving the decision ``after`` of the forum."""
    return next_decision_code(after, forum_codes(session, forum_id))
