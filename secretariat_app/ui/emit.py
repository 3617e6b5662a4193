"""Emit a Qt signal from Python without wearing down ``True``.

PySide6 6.12's ``SignalInstance.emit`` returns ``True`` without owning a reference to it, so each
emit made from Python takes one reference from ``True`` for good. Widgets that emit on every
keystroke (the date field, the editor's form) bring ``True``'s count to zero within a session and
the interpreter aborts ("bool_dealloc") when it exits. :func:`emit` gives the reference back, and
only where the running PySide6 has the fault (checked once, on import).
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    fired = Signal()


def _emit_drops_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    dropped = sys.getrefcount(True) < before
    if dropped:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # the probe's own emit
    return dropped


_GIVE_BACK = _emit_drops_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, returning the reference the faulty emit takes from ``True``."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]  # stubs say None; it is a bool
    if _GIVE_BACK and result is True:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
