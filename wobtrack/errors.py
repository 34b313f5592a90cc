"""The one exception hierarchy of wobtrack.

Library code raises these; the CLI turns each into a one-line message on stderr and a
non-zero exit status, never a traceback.
"""


class WobtrackError(Exception):
    """A problem the user can fix; ``str(error)`` is the one-line message shown."""

    exit_code = 1


class InvalidInput(WobtrackError):
    """Bad user input: a malformed date, an empty subject, a duplicate item number."""

    exit_code = 2


class NotFound(WobtrackError):
    """An id that names nothing in the database."""

    exit_code = 3


class UnreadableDocument(WobtrackError):
    """A file that is not a usable PDF: image-only scan, encrypted, corrupt, empty."""

    exit_code = 4


class DeadlineNotReached(WobtrackError):
    """An action that the law does not allow yet (e.g. an ingebrekestelling sent too early)."""

    exit_code = 5
