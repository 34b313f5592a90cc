"""Export everything to JSON or CSV, and import a JSON export into an empty database.

The export is a dump of every stored table (columns as in ``wobtrack.models``, ids kept)
plus the deadlines computed for "today", which are read-only: an import recomputes them.
The shapes are documented in ``docs/export-format.md``; a test keeps that file in step
with the schema. JSON is the lossless format; CSV is for spreadsheets and other tools.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from wobtrack.contracts import ExportDeadlineJSON
from wobtrack.dates import check_plausible
from wobtrack.errors import InvalidInput, WobtrackError
from wobtrack.files import read_utf8_file, write_file_atomically
from wobtrack.models import Base
from wobtrack.overview import load_overviews
from wobtrack.safetext import neutralise_csv_text
from wobtrack.vocab import DECISION_KINDS, EVENT_KINDS, JUDGEMENTS, OUTCOMES, REGIMES

FORMAT: Final = "wobtrack-export"
VERSION: Final = 1
#: File name of a JSON export written with ``--out DIR``.
JSON_FILE_NAME: Final = "wobtrack-export.json"
EXPORT_FORMATS: Final = ("json", "csv")

#: Document key and stored table, in the order of the export document.
TABLE_KEYS: Final = (
    ("authorities", "authorities"),
    ("requests", "requests"),
    ("items", "request_items"),
    ("events", "events"),
    ("decisions", "decisions"),
    ("item_outcomes", "item_outcomes"),
    ("outcome_corrections", "outcome_corrections"),
    ("tags", "request_tags"),
    ("decision_files", "decision_files"),
    ("documents", "decision_documents"),
)

#: Keys added to version 1 after its first release: an export made before them has none.
LATER_KEYS: Final = frozenset({"tags", "decision_files", "documents"})

#: Columns of the computed ``deadlines`` list (the status engine's deadline JSON plus the
#: request it belongs to), with their kinds. Not imported: they follow from the data.
DEADLINE_COLUMNS: Final = (
    ("request_id", "int"),
    ("key", "str"),
    ("kind", "str"),
    ("due", "date"),
    ("due_weekday", "str"),
    ("raw_end", "date"),
    ("basis", "json"),
    ("steps", "json"),
    ("warnings", "json"),
    ("alternatives", "json"),
    ("action", "str"),
    ("days_left", "int"),
    ("passed", "bool"),
    ("decision_id", "int"),
)


#: Stored columns that follow from others and are left out of the export; an import fills
#: them in (``authorities.name_key`` is ``names.name_key(name)``).
DERIVED_COLUMNS: Final = {"authorities": ("name_key",)}


#: Columns added after exports of this version were first written: an export without them
#: still imports (the value is null).
LATER_COLUMNS: Final = {"outcome_corrections": ("references",)}


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _exported_columns(table: Table) -> list[Column[Any]]:
    derived = DERIVED_COLUMNS.get(table.name, ())
    return [column for column in table.columns if column.name not in derived]


def column_kind(column: Column[Any]) -> str:
    """How a column's values are written: int, str, bool, date, datetime or json."""
    kind = column.type
    # DateTime before Date and JSON first: the order of these checks matters for subclasses.
    for sql_type, name in (
        (JSON, "json"),
        (DateTime, "datetime"),
        (Date, "date"),
        (Boolean, "bool"),
        (Integer, "int"),
        (String, "str"),
    ):
        if isinstance(kind, sql_type):
            return name
    raise TypeError(f"column {column} has a type the export does not know: {kind!r}")


def table_columns() -> dict[str, list[tuple[str, str]]]:
    """Per document key, the exported columns and their kinds (``deadlines`` included)."""
    columns = {
        key: [(column.name, column_kind(column)) for column in _exported_columns(_table(name))]
        for key, name in TABLE_KEYS
    }
    columns["deadlines"] = list(DEADLINE_COLUMNS)
    return columns


# --------------------------------------------------------------------------- export


def _utc(value: datetime) -> datetime:
    # SQLite returns naive timestamps written by CURRENT_TIMESTAMP, which is UTC; PostgreSQL
    # returns them in the session's time zone. UTC makes both, and a re-export, identical.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _json_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return _utc(value).isoformat()
    if kind == "date":
        return value.isoformat()
    return value


def _records(session: Session, today: date) -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
    """Per document key, its records in export order, read in chunks as they are consumed."""
    session.flush()  # Core selects below do not autoflush pending ORM changes
    for key, name in TABLE_KEYS:
        table = _table(name)
        columns = _exported_columns(table)
        kinds = [(column.name, column_kind(column)) for column in columns]
        # Streamed (a server-side cursor on PostgreSQL): decisions carry the parser's
        # output, the largest column by far.
        rows = session.execute(
            select(*columns).order_by(table.c.id), execution_options={"yield_per": CHUNK_ROWS}
        )
        yield (
            key,
            (
                {
                    column: _json_value(value, kind)
                    for (column, kind), value in zip(kinds, row, strict=True)
                }
                for row in rows
            ),
        )
    yield "deadlines", _deadline_records(session, today)


def _deadline_records(session: Session, today: date) -> Iterator[dict[str, Any]]:
    for request in load_overviews(session):
        for deadline in request.status(today).deadlines:
            data: ExportDeadlineJSON = {"request_id": request.id, **deadline.to_json()}
            shown: Mapping[str, Any] = data
            yield {column: shown[column] for column, _ in DEADLINE_COLUMNS}


def export_document(session: Session, today: date) -> dict[str, Any]:
    """Everything in the database as one JSON-ready document (see docs/export-format.md)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at_today": today.isoformat(),
    }
    for key, records in _records(session, today):
        document[key] = list(records)
    return document


#: Rows fetched from the database at a time, and records per piece of streamed JSON.
CHUNK_ROWS: Final = 1000

_STDLIB_JSON = json.JSONEncoder(ensure_ascii=False, indent=2)
_encode_str = json.encoder.encode_basestring  # what ensure_ascii=False uses
_SCALARS: Final[dict[type, Any]] = {
    str: _encode_str,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
}


def _json_text(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(..., indent=2, ensure_ascii=False)`` writes it at ``indent``.

    The standard library encodes indented JSON in pure Python and sets itself up again for
    every call; this does the same walk for the plain values an export holds. Anything
    else (floats, non-string keys) goes to the standard library.
    """
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        return str(scalar(value))
    inner = indent + "  "
    if type(value) is list:
        if not value:
            return "[]"
        return (
            "[\n"
            + ",\n".join(inner + _json_text(element, inner) for element in value)
            + "\n"
            + indent
            + "]"
        )
    if type(value) is dict and all(type(key) is str for key in value):
        if not value:
            return "{}"
        return (
            "{\n"
            + ",\n".join(
                f"{inner}{_encode_str(key)}: {_json_text(element, inner)}"
                for key, element in value.items()
            )
            + "\n"
            + indent
            + "}"
        )
    # JSON strings never hold a raw newline, so re-indenting the lines is safe.
    return _STDLIB_JSON.encode(value).replace("\n", "\n" + indent)


#: ``json.dumps(value, indent=2, ensure_ascii=False)`` of a value at an indent (for other
#: streamed JSON output: ``summary --json``).
json_text = _json_text


def export_json_pieces(session: Session, today: date) -> Iterator[str]:
    """The export's JSON text in pieces, read and encoded as it is written (constant memory).

    The pieces joined are ``dumps_json(export_document(session, today))``, byte for byte.
    """
    yield "{\n"
    head = {"format": FORMAT, "version": VERSION, "exported_at_today": today.isoformat()}
    for key, value in head.items():
        yield f"  {_encode_str(key)}: {_json_text(value, '  ')},\n"
    first_key = True
    for key, records in _records(session, today):
        opening = ("" if first_key else ",\n") + f"  {_encode_str(key)}: ["
        first_key = False
        batch: list[str] = []
        count = 0
        for record in records:
            batch.append("    " + _json_text(record, "    "))
            count += 1
            if len(batch) == CHUNK_ROWS:
                yield opening + ("\n" if count == len(batch) else ",\n") + ",\n".join(batch)
                opening, batch = "", []
        if batch:
            yield opening + ("\n" if count == len(batch) else ",\n") + ",\n".join(batch)
            opening = ""
        yield opening + ("]" if count == 0 else "\n  ]")
    yield "\n}"


def dumps_json(document: dict[str, Any]) -> str:
    """The JSON text of an export: UTF-8, two-space indent, keys in document order."""
    return json.dumps(document, indent=2, ensure_ascii=False)


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    if kind == "str":  # text from users and letters; numbers and dates are never formulas
        return neutralise_csv_text(str(value))
    return str(value)


def csv_tables(document: dict[str, Any]) -> dict[str, str]:
    """Per document key, the CSV text of that table: a header row, then one row per record."""
    files: dict[str, str] = {}
    for key, columns in table_columns().items():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([column for column, _ in columns])
        for row in document[key]:
            writer.writerow([_csv_cell(row[column], kind) for column, kind in columns])
        files[key] = buffer.getvalue()
    return files


def _csv_pieces(columns: list[tuple[str, str]], records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One table's CSV text (as ``csv_tables`` writes it) in pieces of ``CHUNK_ROWS`` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column for column, _ in columns])
    for count, row in enumerate(records, start=1):
        writer.writerow([_csv_cell(row[column], kind) for column, kind in columns])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv_export(session: Session, today: date, out_dir: Path) -> list[Path]:
    """``write_export(export_document(session, today), "csv", out_dir)`` with each table
    written as it is read (memory stays flat as the tracker grows); the same files."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"--out {out_dir} is a file; give a folder")
    columns = table_columns()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for key, records in _records(session, today):
            path = out_dir / f"{key}.csv"
            _write_atomically(path, _csv_pieces(columns[key], records))
            written.append(path)
        return written
    except OSError as exc:
        raise WobtrackError(f"cannot write the export to {out_dir}: {exc.strerror}") from None


def _write_atomically(path: Path, content: str | Iterable[str]) -> None:
    # A crash halfway must not leave a truncated export that looks complete, and a name in
    # the folder that is not a regular file (a FIFO, a device) is refused, not replaced.
    if isinstance(content, str):
        write_file_atomically(path, content.encode("utf-8"))
    else:
        write_file_atomically(path, (piece.encode("utf-8") for piece in content))


def write_json_export(pieces: Iterable[str], out_dir: Path) -> Path:
    """Write a JSON export as it is produced (``export_json_pieces``) into ``out_dir``.

    The file is ``wobtrack-export.json`` (as ``write_export`` writes it); an existing one is
    replaced only once the new one is complete.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"--out {out_dir} is a file; give a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / JSON_FILE_NAME
        _write_atomically(path, itertools.chain(pieces, ["\n"]))
        return path
    except OSError as exc:
        raise WobtrackError(f"cannot write the export to {out_dir}: {exc.strerror}") from None


def write_export(document: dict[str, Any], fmt: str, out_dir: Path) -> list[Path]:
    """Write the export into ``out_dir`` (created if missing); return the files written.

    JSON: ``wobtrack-export.json``. CSV: one ``<key>.csv`` per table. Existing files of
    the same names are replaced.
    """
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"unknown export format {fmt!r}: use json or csv")
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"--out {out_dir} is a file; give a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if fmt == "json":
            path = out_dir / JSON_FILE_NAME
            _write_atomically(path, dumps_json(document) + "\n")
            return [path]
        written: list[Path] = []
        for key, content in csv_tables(document).items():
            path = out_dir / f"{key}.csv"
            _write_atomically(path, content)
            written.append(path)
        return written
    except OSError as exc:
        raise WobtrackError(f"cannot write the export to {out_dir}: {exc.strerror}") from None


def write_file(out_dir: Path, name: str, content: str) -> Path:
    """Write one file ``name`` into ``out_dir`` (created if missing), atomically."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InvalidInput(f"--out {out_dir} is a file; give a folder")
    path = out_dir / name
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, content)
    except OSError as exc:
        raise WobtrackError(f"cannot write {path}: {exc.strerror}") from None
    return path


# --------------------------------------------------------------------------- import


@dataclass(frozen=True)
class ExportData:
    """A checked JSON export: per stored table, rows with Python values, ready to insert."""

    source: str
    exported_at_today: str
    tables: dict[str, list[dict[str, Any]]]
    #: Later keys (``LATER_KEYS``) the export does not have: it was made before them.
    missing: frozenset[str] = frozenset()


def _bad(where: str, problem: str) -> InvalidInput:
    return InvalidInput(f"invalid export: {where}: {problem}")


#: The range of an INTEGER column on every backend (PostgreSQL's is 32 bits).
INT_MIN: Final = -(2**31)
INT_MAX: Final = 2**31 - 1


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _python_value(column: Column[Any], kind: str, value: Any, where: str) -> Any:
    if value is None:
        if not column.nullable or column.primary_key:
            raise _bad(where, "must not be null")
        return None
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad(where, f"expected a whole number, got {_shown(value)}")
        lowest = 1 if column.primary_key or column.foreign_keys else INT_MIN
        if not lowest <= value <= INT_MAX:
            raise _bad(where, f"{value} is out of range ({lowest} to {INT_MAX})")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise _bad(where, f"expected true or false, got {_shown(value)}")
        return value
    if kind == "str":
        if not isinstance(value, str):
            raise _bad(where, f"expected text, got {_shown(value)}")
        length = getattr(column.type, "length", None)
        if length is not None and len(value) > length:
            raise _bad(where, f"longer than {length} characters")
        if "\x00" in value:  # PostgreSQL cannot store it; no wobtrack writes it
            raise _bad(where, "contains a NUL character")
        allowed = _TEXT_VOCABULARIES.get((column.table.name, column.name))
        if allowed is not None and value not in allowed:
            raise _bad(where, f"{_shown(value)} is not one of {', '.join(allowed)}")
        return value
    if kind == "date":
        try:
            day = date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            day = None
        # Only the canonical YYYY-MM-DD form, which is what an export writes.
        if day is None or day.isoformat() != value:
            raise _bad(where, f"expected a YYYY-MM-DD date, got {_shown(value)}")
        try:
            check_plausible(day, "the date")
        except InvalidInput as exc:
            raise _bad(where, str(exc)) from None
        return day
    if kind == "datetime":
        try:
            return _utc(datetime.fromisoformat(value))
        except (TypeError, ValueError):
            raise _bad(where, f"expected an ISO date and time, got {_shown(value)}") from None
    shape = JSON_SHAPES.get((column.table.name, column.name))
    if shape is not None:
        _check_shape(value, shape, where)
    return value


# The shapes of the json columns, as docs/export-format.md describes them. A value of
# another shape would be stored and then break every command that reads it.
_TEXT_LIST: Final = ("list", "text")
#: A JSON shape: "text", "int", "object" (any object), ("list", shape), ("one of", values),
#: or ("record", {key: shape}) for an object that must have those keys (others allowed);
#: ("or null", shape) also allows null.
JSON_SHAPES: Final[dict[tuple[str, str], Any]] = {
    ("decisions", "parsed"): "object",
    ("decisions", "warnings"): _TEXT_LIST,
    ("item_outcomes", "outcomes"): ("list", ("one of", OUTCOMES)),
    ("item_outcomes", "grounds"): _TEXT_LIST,
    ("item_outcomes", "refers_to"): _TEXT_LIST,
    ("item_outcomes", "references"): ("list", ("record", {"kind": "text", "value": "text"})),
    ("item_outcomes", "evidence"): (
        "list",
        ("record", {"page": ("or null", "int"), "text": "text"}),
    ),
    ("item_outcomes", "flags"): _TEXT_LIST,
    ("outcome_corrections", "outcomes"): ("list", ("one of", OUTCOMES)),
    ("outcome_corrections", "grounds"): _TEXT_LIST,
    ("outcome_corrections", "references"): (
        "list",
        ("record", {"kind": "text", "value": "text"}),
    ),
    ("decision_files", "parsed"): "object",
    ("decision_documents", "grounds"): _TEXT_LIST,
}

#: Text columns whose values come from a vocabulary (``wobtrack.vocab``).
_TEXT_VOCABULARIES: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("events", "kind"): EVENT_KINDS,
    ("requests", "regime"): REGIMES,
    ("decisions", "kind"): DECISION_KINDS,
    ("decision_documents", "judgement"): JUDGEMENTS,
}


def _check_shape(value: Any, shape: Any, where: str) -> None:
    """Raise InvalidInput naming the path (``item_outcomes[3].outcomes[0]``) of a bad value."""
    if shape == "text":
        if not isinstance(value, str):
            raise _bad(where, f"expected text, got {_shown(value)}")
    elif shape == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise _bad(where, f"expected a whole number, got {_shown(value)}")
    elif shape == "object":
        if not isinstance(value, dict):
            raise _bad(where, f"expected an object, got {_shown(value)}")
    elif shape[0] == "or null":
        if value is not None:
            _check_shape(value, shape[1], where)
    elif shape[0] == "list":
        if not isinstance(value, list):
            raise _bad(where, f"expected a list, got {_shown(value)}")
        for index, element in enumerate(value):
            _check_shape(element, shape[1], f"{where}[{index}]")
    elif shape[0] == "one of":
        if value not in shape[1]:
            raise _bad(where, f"{_shown(value)} is not one of {', '.join(shape[1])}")
    elif shape[0] == "record":
        if not isinstance(value, dict):
            raise _bad(where, f"expected an object, got {_shown(value)}")
        for key, element_shape in shape[1].items():
            if key not in value:
                raise _bad(where, f"no {key!r}")
            _check_shape(value[key], element_shape, f"{where}.{key}")


def _check_rows(key: str, table: Table, rows: Any) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise _bad(key, "missing or not a list")
    columns = [(column, column_kind(column)) for column in _exported_columns(table)]
    names = {column.name for column, _ in columns}
    checked: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        where = f"{key}[{index}]"
        if not isinstance(row, dict):
            raise _bad(where, "not an object")
        unknown = sorted(set(row) - names)
        later = LATER_COLUMNS.get(table.name, ())
        missing = [c.name for c, _ in columns if c.name not in row and c.name not in later]
        if unknown or missing:
            problem = f"unknown column {unknown[0]!r}" if unknown else f"no {missing[0]!r}"
            raise _bad(where, problem)
        checked.append(
            {
                column.name: _python_value(
                    column, kind, row.get(column.name), f"{where}.{column.name}"
                )
                for column, kind in columns
            }
        )
    return checked


def _check_references(data: dict[str, list[dict[str, Any]]]) -> None:
    """Duplicate ids and dangling foreign keys, named by row, before the database sees them."""
    key_of = {name: key for key, name in TABLE_KEYS}
    ids: dict[str, set[int]] = {}
    for key, name in TABLE_KEYS:
        seen: set[int] = set()
        for index, row in enumerate(data[key]):
            if row["id"] in seen:
                raise _bad(f"{key}[{index}].id", f"id {row['id']} occurs twice")
            seen.add(row["id"])
        ids[name] = seen
    for key, name in TABLE_KEYS:
        for fk in _table(name).foreign_keys:
            target = fk.column.table.name
            column = fk.parent.name
            for index, row in enumerate(data[key]):
                value = row[column]
                if value is not None and value not in ids[target]:
                    raise _bad(
                        f"{key}[{index}].{column}", f"{value} names no row of {key_of[target]}"
                    )


#: Stands in for a table column when the document's own date is checked.
_TODAY_COLUMN: Final = Column("exported_at_today", Date, nullable=False)


def parse_export(content: str, source: str) -> ExportData:
    """Check a JSON export's text and convert it; raise InvalidInput with one line if bad."""
    try:
        document = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"{source} is not a wobtrack export: not valid JSON "
            f"({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(
            f'{source} is not a wobtrack export (it has no "format": "{FORMAT}"); '
            "make one with `wobtrack export --format json`"
        )
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise InvalidInput(
            f"{source} is a wobtrack export of version {version!r}; this wobtrack reads "
            f"version {VERSION}: import it with the wobtrack that wrote it"
        )
    today = document.get("exported_at_today")
    _python_value(_TODAY_COLUMN, "date", today, "exported_at_today")
    tables = {
        key: _check_rows(key, _table(name), document.get(key, [] if key in LATER_KEYS else None))
        for key, name in TABLE_KEYS
    }
    _check_references(tables)
    missing = frozenset(key for key in LATER_KEYS if key not in document)
    return ExportData(source=source, exported_at_today=str(today), tables=tables, missing=missing)


def read_export(path: Path) -> ExportData:
    """Read and check a JSON export file (no database is touched)."""
    content, _ = read_utf8_file(
        path,
        cannot_read="cannot read {path}: {reason}",
        not_utf8="{name} is not a wobtrack export: not UTF-8 JSON",
    )
    return parse_export(content, path.name)


def row_counts(session: Session) -> dict[str, int]:
    """Per document key, the number of stored rows."""
    return {
        key: session.scalar(select(func.count()).select_from(_table(name))) or 0
        for key, name in TABLE_KEYS
    }


def _insert_groups(rows: list[dict[str, Any]], table: Table) -> Iterable[list[dict[str, Any]]]:
    # A None given for a JSON column would be stored as the JSON value null; leaving the
    # column out stores SQL NULL, as the original row had. Rows are grouped by the columns
    # they set because one executemany needs the same columns in every row.
    json_columns = [c.name for c in table.columns if column_kind(c) == "json"]
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        values = {k: v for k, v in row.items() if not (v is None and k in json_columns)}
        groups.setdefault(tuple(values), []).append(values)
    return groups.values()


def _reset_sequences(session: Session) -> None:
    # PostgreSQL serial columns do not notice explicit ids: without this the next new row
    # would get id 1 and collide with an imported one. SQLite takes max(rowid) + 1 itself.
    preparer = session.get_bind().dialect.identifier_preparer
    for _, name in TABLE_KEYS:
        session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:name, 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {preparer.quote(name)}), 0) + 1, false)"
            ),
            {"name": preparer.quote(name)},
        )


def import_export(session: Session, data: ExportData) -> dict[str, int]:
    """Insert a checked export into an empty database, ids and every column kept.

    Runs inside the caller's transaction; on any error nothing is left behind once the
    caller rolls back. Returns the number of rows inserted per document key.
    """
    present = {key: count for key, count in row_counts(session).items() if count}
    if present:
        held = ", ".join(f"{key.replace('_', ' ')} ({count})" for key, count in present.items())
        raise WobtrackError(
            f"the database is not empty (it holds {held}); import-json needs an empty "
            "database: name a new one with --db"
        )
    key_of = {name: key for key, name in TABLE_KEYS}
    try:
        # sorted_tables puts every table after the tables its foreign keys point to.
        for table in Base.metadata.sorted_tables:
            key = key_of.get(table.name)
            if key is None or not data.tables[key]:
                continue
            for group in _insert_groups(data.tables[key], table):
                session.execute(insert(table), group)
        if session.get_bind().dialect.name == "postgresql":
            _reset_sequences(session)
        session.flush()
        counts = {key: len(data.tables[key]) for key, _ in TABLE_KEYS}
        if "documents" in data.missing:
            # Made before documents were rows: they are in the decisions' parser output.
            from wobtrack.documents import documents_from_parsed

            counts["documents"] = documents_from_parsed(session)
    except (IntegrityError, DataError) as exc:
        detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise InvalidInput(
            f"{data.source} does not fit the database (nothing was imported): {detail}"
        ) from None
    return counts
