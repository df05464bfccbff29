"""Errors the user can act on.

A :class:`CoachError` carries one line that names what is wrong and where. The CLI prints it
without a traceback and exits with status 2.
"""

from __future__ import annotations


class CoachError(Exception):
    """Bad input or an unusable file: one line for the user, exit status 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
