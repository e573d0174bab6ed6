"""User settings in `$XDG_CONFIG_HOME/regietui/config.toml` (tomllib reads, tomli-w writes).

language = "nl"              # en | nl
theme = "textual-dark"       # any Textual theme name
author = "Jan de Vries"      # history name where the board's git repo has no user.name
board = "~/regie/boards/lekstroom.json"   # default board

[keys]                       # Binding id = keys, comma-separated
"board.move_right" = ">,L"
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from . import files
from .wording import Said, phrase

LANGUAGES = ("en", "nl")


class ConfigError(Said):
    """A settings file that cannot be read, naming the file and what is wrong."""


@dataclass
class Settings:
    language: str | None = None
    theme: str | None = None
    author: str | None = None
    board: str | None = None
    keys: dict[str, str] = field(default_factory=dict)


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "regietui" / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """The user's settings; a missing file means defaults."""
    path = path or config_path()
    text = files.read_if_exists(path, ConfigError)
    if text is None:
        return Settings()
    data = files.parse_toml(text, path, ConfigError)
    known = Settings.__dataclass_fields__
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(
            phrase("config.unknown", path=path, name=repr(unknown[0]), known=", ".join(known))
        )
    for name in ("language", "theme", "author", "board"):
        if name in data and not isinstance(data[name], str):
            raise ConfigError(phrase("config.text", path=path, name=name))
    if data.get("language") not in (None, *LANGUAGES):
        raise ConfigError(phrase("config.language", path=path, known=", ".join(LANGUAGES)))
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise ConfigError(phrase("config.keys", path=path))
    return Settings(**{**data, "keys": dict(keys)})


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings (only what is set), atomically."""
    path = path or config_path()
    data: dict[str, Any] = {k: v for k, v in asdict(settings).items() if v not in (None, {})}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(phrase("config.folder", path=path, why=files.problem(err))) from None
    files.write_output(path, tomli_w.dumps(data).encode("utf-8"), ConfigError)
    return path


def update_settings(path: Path | None = None, **changes: str | None) -> Settings:
    """Change some settings in the file and keep the rest of it (`[keys]`, the board, ...) as it
    is on disk now: read, change, write. A value of None removes the setting."""
    path = path or config_path()
    known = set(Settings.__dataclass_fields__) - {"keys"}
    unknown = sorted(set(changes) - known)
    if unknown:
        known_names = ", ".join(sorted(known))
        raise ConfigError(
            phrase("config.unknown", path=path, name=repr(unknown[0]), known=known_names)
        )
    if changes.get("language") not in (None, *LANGUAGES):
        raise ConfigError(phrase("config.language", path=path, known=", ".join(LANGUAGES)))
    settings = replace(load_settings(path), **changes)
    save_settings(settings, path)
    return settings


def pick_language(cli: str | None, settings: Settings, env: dict[str, str] | None = None) -> str:
    """`--lang`, else the settings, else LANG/LC_ALL starting with `nl`, else English."""
    if cli:
        return cli
    if settings.language:
        return settings.language
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return "nl" if env[var].lower().startswith("nl") else "en"
    return "en"
