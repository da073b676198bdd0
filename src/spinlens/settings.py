"""One table of settings, each with a default and help text, overridable by SPINLENS_* variables."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import platformdirs

from spinlens.errors import UsageError


@dataclass(frozen=True)
class Setting:
    """A named setting: default value, converter and one line of help."""

    name: str
    default: Any
    help: str
    convert: Callable[[str], Any] = str


SETTINGS: dict[str, Setting] = {s.name: s for s in [
    Setting("max_bytes", 20 * 1024 * 1024, "largest input accepted, in bytes (files, URLs, records)", int),
    Setting("min_words", 15, "articles with fewer words after cleaning are skipped as 'not an article'", int),
    Setting("max_words", 150_000, "articles with more words after cleaning are skipped as too long to analyse "
            "(analysis time grows with length: about a minute per 100,000 words on 2 cores)", int),
    Setting("fetch_timeout", 20.0, "seconds before a URL fetch gives up", float),
    Setting("max_redirects", 5, "redirects followed per URL", int),
    Setting("user_agent", "spinlens/0.1 (news analysis; +https://github.com/spinlens/spinlens)",
            "User-Agent header sent with every request"),
    Setting("allow_private", False, "fetch private, loopback and link-local addresses",
            lambda v: v.lower() in {"1", "true", "yes"}),
    Setting("repeat_min_articles", 3,
            "a block repeated in this many other articles of the same outlet counts as boilerplate", int),
    Setting("batch_size", 32, "articles per pipeline batch", int),
    Setting("workers", 1, "processes that extract and analyse in parallel (this one stores); 1 = none", int),
    Setting("aliases_file", "", "TOML file of actor aliases that override the automatic grouping "
            "(default: aliases.toml in the user config folder)"),
    Setting("model_threads", 0, "threads per ONNX model session; 0 = as many as cores, at most 2", int),
]}


def get(name: str) -> Any:
    """The value of a setting: `SPINLENS_<NAME>` from the environment, else the default; a value that is not
    a number of 0 or more where one is needed is a `UsageError` naming the variable."""
    setting = SETTINGS[name]
    raw = os.environ.get(f"SPINLENS_{name.upper()}")
    return setting.default if raw is None else _converted(setting, raw)


def _converted(setting: Setting, raw: str) -> Any:
    numeric = isinstance(setting.default, (int, float)) and not isinstance(setting.default, bool)
    try:
        value = setting.convert(raw)
    except ValueError:
        if not numeric:
            raise
        value = None
    if numeric and (value is None or not math.isfinite(value) or value < 0):
        kind = "a whole number" if isinstance(setting.default, int) else "a number"
        raise UsageError(f"SPINLENS_{setting.name.upper()}={raw!r} is not {kind} of 0 or more "
                         f"(default {setting.default}) — {setting.help}")
    return value


def check_environment() -> None:
    """Read every setting once, so that a bad `SPINLENS_*` value is a `UsageError` before any work starts."""
    for name in SETTINGS:
        get(name)


def default_library_path() -> Path:
    """Where the library file lives unless `--library` or `SPINLENS_LIBRARY` (a file) say otherwise."""
    env = os.environ.get("SPINLENS_LIBRARY")
    if env and "://" not in env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("spinlens")) / "library.sqlite"


def library_is_named() -> bool:
    """Whether `SPINLENS_LIBRARY` names the library (else it is the default one in the user data folder)."""
    return bool(os.environ.get("SPINLENS_LIBRARY", "").strip())


def default_library_location() -> Path | str:
    """The library used when none is named: `SPINLENS_LIBRARY` as given if it is a postgresql:// URL, else
    `default_library_path()`."""
    env = os.environ.get("SPINLENS_LIBRARY", "").strip()
    return env if "://" in env else default_library_path()


def default_aliases_path() -> Path:
    """The user's actor alias file (`SPINLENS_ALIASES_FILE`, else aliases.toml in the config folder)."""
    return Path(get("aliases_file") or Path(platformdirs.user_config_dir("spinlens")) / "aliases.toml").expanduser()


def shared_data_dir() -> Path:
    """Location of the shared training/reference data (`SPINLENS_SHARED_DATA`, default ../shared/data)."""
    return Path(os.environ.get("SPINLENS_SHARED_DATA", "../shared/data")).expanduser()
