"""The GUI's pages other than Decisions: dashboard, forums, regions & agencies, reports, about.

Each page is a ``QWidget`` built as ``Page(context, parent=None)`` that retranslates itself on
``context.bus.language_changed`` and refreshes itself when ``context.bus.changed`` touches it.
"""
