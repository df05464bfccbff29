"""Where the coach keeps the user's data.

Everything lives under one data folder: the platformdirs user data dir, unless ``COACH_HOME``
(or the global ``--home`` option) points somewhere else. Tests always use a temporary one.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "COACH_HOME"
_home_override: Path | None = None


def set_home(path: Path | None) -> None:
    """Use ``path`` as the data folder for this process (the ``--home`` option)."""
    global _home_override
    _home_override = path


def data_dir() -> Path:
    if _home_override is not None:
        return _home_override
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("coach", appauthor=False))


def user_banks_dir() -> Path:
    return data_dir() / "banks"


def builtin_banks_dir() -> Path:
    """The banks shipped with the coach.

    An installed wheel carries them inside the package (``coach/question_banks``); a source
    checkout or an editable install keeps them at the top of the repository.
    """
    here = Path(__file__).resolve().parent
    packaged = here / "question_banks"
    if packaged.is_dir():
        return packaged
    return here.parent / "question_banks"


def cache_dir() -> Path:
    """What can be thrown away and rebuilt (parsed question banks): inside the data folder when
    ``COACH_HOME`` or ``--home`` names one (tests, a portable folder), else the platform's cache."""
    if _home_override is not None or os.environ.get(ENV_HOME):
        return data_dir() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("coach", appauthor=False))
