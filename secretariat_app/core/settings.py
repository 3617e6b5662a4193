"""User preferences that matter outside the GUI (clerk name, language). Rules shared by every
clerk of a database (the stalled threshold) are stored in the database itself
(:mod:`core.services.shared_settings`).

Declared once, kept in a small JSON file in the user's config folder. Window geometry and other
state of the GUI live in QSettings, apart from these.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from secretariat_app import APP_NAME

SETTINGS_ENV = "SECRETARIAT_CONFIG_DIR"
SETTINGS_VERSION = 1


def config_dir() -> Path:
    override = os.environ.get(SETTINGS_ENV)
    return Path(override) if override else platformdirs.user_config_path(APP_NAME, appauthor=False)


@dataclass
class Settings:
    clerk_name: str = ""
    language: str = ""
    secretariat_name_ru: str = "Секретариат Форума межрегионального сотрудничества"
    secretariat_name_kk: str = "Өңіраралық ынтымақтастық форумының хатшылығы"
    last_database: str = ""
    recent_databases: list[str] = field(default_factory=list)
    version: int = SETTINGS_VERSION


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    """The saved settings; missing, unreadable or unknown values fall back to the defaults."""
    try:
        raw = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    known = {f.name: f for f in fields(Settings)}
    values = {}
    for name, value in raw.items():
        if name in known and isinstance(value, type(getattr(defaults, name))):
            values[name] = value
    return Settings(**values)


def save_settings(settings: Settings) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.part")
    partial.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(path)
