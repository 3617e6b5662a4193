"""The installed PySide6 keeps ``True`` alive when Python emits signals (6.12.0 took a reference
from it on every emit, and the interpreter aborted at exit; pyproject keeps PySide6 below 6.12)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    plain = Signal()
    value = Signal(object)


def test_emitting_a_thousand_times_keeps_true_alive() -> None:
    source = _Source()
    received: list[object] = []
    source.value.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(1000):
        source.plain.emit()
        source.value.emit(number)
    assert sys.getrefcount(True) >= before  # PySide6 6.12.0: 2,000 fewer
    assert received == list(range(1000))
