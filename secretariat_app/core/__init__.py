"""The core: ORM models, services and rules. Imports no Qt, so it can be scripted and tested alone."""
