"""Human-readable rendering of the JSON shapes (the JSON is the contract; this is not)."""

from __future__ import annotations

from datetime import date
from typing import Any

from wobtrack.dates import human_date


def _day(iso: str | None) -> str:
    return human_date(date.fromisoformat(iso)) if iso else "-"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain left-aligned text table."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return "\n".join(lines)


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render_request_table(rows: list[dict[str, Any]]) -> str:
    """``request list`` as a table."""
    return table(
        ["ID", "AUTHORITY", "SUBJECT", "REGIME", "RECEIVED", "ITEMS"],
        [
            [
                str(r["id"]),
                _short(r["authority"], 28),
                _short(r["subject"], 40),
                r["regime"],
                r["received"] or "-",
                str(r["item_count"]),
            ]
            for r in rows
        ],
    )


def render_request(data: dict[str, Any]) -> str:
    """``request show`` as text."""
    lines = [
        f"Request {data['id']}: {data['subject']}",
        f"  Authority: {data['authority']}",
        f"  Regime:    {data['regime']}{' (from the dates)' if data['regime_derived'] else ''}",
        f"  Reference: {data['reference'] or '-'}",
        f"  Sent:      {_day(data['sent'])}",
        f"  Received:  {_day(data['received'])}",
    ]
    if data.get("notes"):
        lines.append(f"  Notes:     {data['notes']}")
    lines.append("")
    lines.append(f"Items ({len(data['items'])}):")
    for item in data["items"]:
        lines.append(f"  {item['number']:>4}. {_short(item['text'], 90)}")
    lines.append("")
    lines.append("Timeline:")
    for row in data["timeline"]:
        ident = f"#{row['id']}" if row["id"] is not None else ""
        note = f" — {row['note']}" if row["note"] else ""
        lines.append(f"  {_day(row['date']):<16} {row['kind']}{note} {ident}".rstrip())
    if not data["timeline"]:
        lines.append("  (nothing yet)")
    return "\n".join(lines)
