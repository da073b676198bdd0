"""One error root for spinlens, grouped subclasses, and their mapping to CLI exit codes."""

from __future__ import annotations


class SpinlensError(Exception):
    """Root of every error spinlens raises on purpose; `str()` names the input and the reason."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None):
        self.source = source
        self.reason = message
        super().__init__(f"{source}: {message}" if source else message)

    def __reduce__(self):
        """Pickle with reason and source intact (errors cross process boundaries in batch runs)."""
        return _rebuild, (type(self), self.reason, self.source)


def _rebuild(cls: type[SpinlensError], reason: str, source: str | None) -> SpinlensError:
    return cls(reason, source=source)


class InputError(SpinlensError):
    """An input could not be read or is not an article (bad file, bad line, bad feed...)."""

    exit_code = 1


class FetchError(InputError):
    """A URL could not be fetched: refused address, timeout, HTTP error, too large."""


class NotAnArticle(InputError):
    """The input decoded fine but holds no article text worth analysing."""


class StageError(SpinlensError):
    """A pipeline stage failed on one article."""

    exit_code = 1


class PipelineConfigError(SpinlensError):
    """Stages are registered or ordered inconsistently (a developer error, caught at start-up)."""

    exit_code = 2


class UsageError(SpinlensError):
    """The user asked for something that cannot be done (unknown format, bad option)."""

    exit_code = 2


class OutputError(UsageError):
    """An output file (`-o`) cannot be written: its folder is missing, or permission is denied."""


class CorrectionError(UsageError):
    """An analyst's correction is invalid (unknown technique, offsets outside the text, nothing to remove)."""


class LibraryError(SpinlensError):
    """The library file cannot be opened, migrated or written."""

    exit_code = 3


class NotFound(SpinlensError):
    """A requested article (or other record) is not in the library."""

    exit_code = 4


#: Documented exit codes of the CLI (README "Exit codes").
EXIT_CODES = {
    0: "success: every input was processed",
    1: "some inputs failed (each reported on stderr); the others were processed and stored",
    2: "usage error (bad option, unknown format, an output file that cannot be written)",
    3: "library error (cannot open, migrate or write the library file)",
    4: "not found (no article with that id)",
}
