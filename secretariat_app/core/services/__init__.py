"""Services: the only way the GUI, the CLI, imports and reports read and change records.

Every service takes a Session that the caller owns (``with database.session() as s: ...``): one
unit of work, one transaction, no commit hidden inside. Mutating services return a
:class:`~secretariat_app.core.services.changes.Changes` value saying what changed.
"""
