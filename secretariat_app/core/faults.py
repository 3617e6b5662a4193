"""Named points where the fault tests stop a process, to kill it there (``kill -9``).

``SECRETARIAT_FAULT_PAUSE=NAME`` makes the process write ``fault-point NAME`` to standard error
and sleep when it reaches :func:`checkpoint` ``(NAME)``, so a test can kill it at exactly that
point and check that nothing half-written is left. Unset — always, outside the tests — a
checkpoint is one comparison with ``None``.
"""

from __future__ import annotations

import os
import sys
import time

FAULT_ENV = "SECRETARIAT_FAULT_PAUSE"
#: Long enough for any test to kill the process; it is never meant to wake up.
PAUSE_SECONDS = 120

_pause_at = os.environ.get(FAULT_ENV) or None


def checkpoint(name: str) -> None:
    """Stop here if the fault tests asked for this point (see the module's docstring)."""
    if _pause_at is None or _pause_at != name:
        return
    sys.stderr.write(f"fault-point {name}\n")
    sys.stderr.flush()
    time.sleep(PAUSE_SECONDS)
