"""Errors the core raises on purpose. Each carries a translatable message and its parameters, and
is translated when shown, so the same error reads right in any interface language."""

from __future__ import annotations

from typing import Any

from secretariat_app.core.i18n import tr


class SecretariatError(Exception):
    """Base of every error meant for the user: ``str(error)`` is the translated message."""

    def __init__(self, msgid: str, /, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params

    def message(self, lang: str | None = None) -> str:
        text = tr(self.msgid, lang)
        return text.format(**self.params) if self.params else text

    def __str__(self) -> str:
        return self.message()


class ValidationError(SecretariatError):
    """Input that breaks a rule; ``field`` names the offending field so a form can mark it."""

    def __init__(self, field: str, msgid: str, /, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.field = field


class NotFoundError(SecretariatError):
    """A record that was asked for by number or code does not exist."""


class ConflictError(SecretariatError):
    """Somebody else saved the same record since it was loaded: nothing was overwritten."""

    def __init__(self, msgid: str, /, *, current: Any = None, **params: Any) -> None:
        super().__init__(msgid, **params)
        self.current = current


class DependencyError(SecretariatError):
    """A record cannot be deleted while others depend on it."""


class DatabaseError(SecretariatError):
    """The database cannot be used as it is; it has been left untouched."""


class NotADatabaseError(DatabaseError):
    pass


class DamagedDatabaseError(DatabaseError):
    pass


class NewerDatabaseError(DatabaseError):
    pass


class DatabaseLockedError(DatabaseError):
    pass


class DatabaseUnavailableError(DatabaseError):
    pass


class SerializationFailure(DatabaseLockedError):
    """PostgreSQL could not order this transaction with a concurrent one; it wrote nothing and
    may simply be tried again."""


class ReadOnlyDatabaseError(DatabaseError):
    """A write was tried on a database opened read-only."""


class DuplicateRecordError(DatabaseError):
    """Two users added the same record at once: the later transaction wrote nothing."""


class Cancelled(SecretariatError):
    """Base of every cancel the user asked for: a job that stops so leaves nothing half-done, and
    the job runner and error presenter treat it as a quiet outcome, not a failure."""
