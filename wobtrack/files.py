"""Files the user gives and gets: text read in one way, written only as regular files, atomically.

Every file wobtrack writes (calendars, exports, drafts) goes through
:func:`write_file_atomically`: the data goes to a temporary file in the same folder, which
then replaces the target in one rename. A reader (a calendar application, a web server)
sees the old file or the new one, never half of one; after a failure the old file is left
as it was. A target that exists but is not a regular file (a device such as /dev/sda, a
FIFO, a folder, a socket) is refused: renaming over it would replace a device node, and
writing into it could block or destroy something that is not ours.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from wobtrack.errors import InvalidInput

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _new_file_mode() -> int:
    # The only way to read the umask is to set it; wobtrack sets it back at once and does not
    # write files from several threads.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _existing_mode(path: Path, target: Path) -> int | None:
    """The permissions of the regular file at ``target``; None if there is none yet."""
    try:
        info = target.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise InvalidInput(f"cannot write {path}: it is {kind}, not a regular file")
    return stat.S_IMODE(info.st_mode)


def _link_new(temp_name: str, target: Path) -> None:
    """Give the temporary file the name ``target`` unless that name exists."""
    try:
        # link() fails if the name exists, where rename() would replace it.
        os.link(temp_name, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links: check, then rename (a small window remains).
        if os.path.lexists(target):
            raise FileExistsError(str(target)) from None
        os.replace(temp_name, target)
        return
    os.unlink(temp_name)


def write_file_atomically(
    path: Path, data: bytes | Iterable[bytes], *, overwrite: bool = True
) -> None:
    """Write ``data`` to the regular file ``path`` through a temporary file and a rename.

    ``data`` may come in pieces (written as they are produced, e.g. a streamed export).

    An existing file keeps its permissions; a symbolic link keeps pointing at the file it
    names, which is replaced. With ``overwrite=False`` an existing ``path`` is an error
    (InvalidInput), checked atomically: a file that appears meanwhile is not replaced.
    Every problem is an InvalidInput with one line.
    """
    target = path.resolve() if path.is_symlink() else path
    mode = _existing_mode(path, target)
    if mode is not None and not overwrite:
        raise InvalidInput(f"{path} already exists: choose another file name")
    try:
        # Same folder as the target: a rename is atomic only within one file system.
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                stream.writelines(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, _new_file_mode() if mode is None else mode)
        if overwrite:
            os.replace(temp_name, target)
        else:
            _link_new(temp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, FileExistsError):
            raise InvalidInput(f"{path} already exists: choose another file name") from None
        if isinstance(exc, OSError):
            raise InvalidInput(f"cannot write {path}: {exc.strerror}") from None
        raise


def read_utf8_file(
    path: Path,
    *,
    cannot_read: str,
    not_utf8: str,
    binary: str | None = None,
    check: Callable[[os.stat_result], None] | None = None,
) -> tuple[str, bytes]:
    """A text file the user gave: its text (UTF-8, a BOM dropped) and its bytes.

    Every file wobtrack reads as text (a letter, an items file, an export) comes through
    here, refused with an ``InvalidInput`` in the caller's words: the messages are templates
    of ``{path}``, ``{name}`` (the file's name) and, in ``cannot_read``, ``{reason}`` (the
    system's). ``check`` sees the file's status before it is read and raises to refuse it;
    ``binary`` refuses a file with a NUL byte (before the UTF-8 check).
    """
    try:
        if check is not None:
            check(os.stat(path))
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror
        raise InvalidInput(cannot_read.format(path=path, name=path.name, reason=reason)) from None
    if binary is not None and b"\x00" in data:
        raise InvalidInput(binary.format(path=path, name=path.name))
    try:
        return data.decode("utf-8-sig"), data
    except UnicodeDecodeError:
        raise InvalidInput(not_utf8.format(path=path, name=path.name)) from None
