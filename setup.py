"""Build hook: the translators' ``translations/**/*.po`` are compiled into the built package
(``secretariat_app/locale/<lang>/LC_MESSAGES/<domain>.mo``), so a wheel, ``pip install .`` and a
bundle carry their catalogs. The rest of the configuration is in ``pyproject.toml``.

An editable install skips this: a checkout reads the ``.po`` files directly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _i18n_tool():
    spec = importlib.util.spec_from_file_location("secretariat_i18n", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "secretariat_app" / "locale"
        written = _i18n_tool().compile_all(target)
        if not written:
            raise SystemExit("setup.py: no .po catalogs found under translations/")


setup(cmdclass={"build_py": BuildWithCatalogs})
