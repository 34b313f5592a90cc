"""Does parse time grow linearly with the letter? (not a test; run by hand)

    python bench/bench_parse_scaling.py                  # ~10, 50 and 100 kB
    python bench/bench_parse_scaling.py --sizes 10 200   # other sizes, in kB
    python bench/bench_parse_scaling.py --repeat 5       # best of 5 (default 3)

Builds synthetic decision letters (generated Dutch text: a letterhead, a request with N
numbered items, an "Ad N" answer per item with grounds and URLs, a dictum and a bezwaar
clause), split into pages of ~3 kB, and times the parser alone on each: ``parse_letter``
with a list of page strings, text already in memory. It prints seconds, microseconds per
byte and that cost relative to the smallest letter of the same run: a ratio near 1.0 is
linear, a ratio that grows with size is not.

Goal: a 100 kB letter parses well under 2 s, and the ratio at 100 kB stays below 1.5.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, installed or not

GOAL_SECONDS_100KB = 2.0
GOAL_RATIO = 1.5
PAGE_BYTES = 3000

_SUBJECTS = (
    "de verslagen van het bestuurlijk overleg over de herinrichting van het stationsplein",
    "de e-mails tussen de afdeling Vergunningen en de exploitant van de jachthaven",
    "de adviezen van de landsadvocaat over de aanbesteding van het busvervoer",
    "de notulen van de stuurgroep Energietransitie Noordoost",
    "de subsidiebeschikkingen voor de culturele instellingen in het centrum",
    "de klachten over geluidsoverlast bij de evenemententerreinen",
    "de overeenkomsten met de leverancier van de parkeerapparatuur",
    "de interne memo's over de kosten van de nieuwe brandweerkazerne",
)
_OUTCOMES = (
    "Deze documenten maken wij volledig openbaar.",
    "Deze documenten maken wij gedeeltelijk openbaar. Namen en telefoonnummers van "
    "medewerkers maken wij niet openbaar op grond van artikel 5.1, tweede lid, aanhef en "
    "onder e, van de Woo (eerbiediging van de persoonlijke levenssfeer).",
    "Wij hebben geen documenten gevonden die onder dit onderdeel van uw verzoek vallen.",
    "Deze informatie is al openbaar en te vinden op https://open.voorbeeldstad.nl/woo/{year}/"
    "onderdeel-{n}-publicatie. Wij verstrekken haar daarom niet opnieuw.",
    "Wij weigeren openbaarmaking van deze documenten op grond van artikel 5.2, eerste lid, "
    "van de Woo: het gaat om persoonlijke beleidsopvattingen bestemd voor intern beraad.",
)
_FILLER = (
    "Wij hebben gezocht in het zaaksysteem, in de e-mailboxen van de betrokken medewerkers "
    "en in het archief van de afdeling.",
    "Bij het zoeken hebben wij de zoektermen gebruikt die in uw verzoek staan.",
    "De gevonden documenten staan in de inventarislijst, met per document het besluit en "
    "de toegepaste uitzonderingsgrond.",
    "Meer achtergrond vindt u op https://www.voorbeeldstad.nl/bestuur/overleggen/{n}.",
    "Wij hebben de belangen van de betrokken derden gewogen tegen het algemeen belang van "
    "openbaarheid.",
)


def synthetic_letter(target_bytes: int) -> list[str]:
    """A generated decision letter of about ``target_bytes`` (UTF-8), as page strings.

    Items grow with the size up to 90 (two-digit numbers are what letters use); beyond
    that, each answer gets longer.
    """
    items = max(3, min(90, target_bytes // 1100))
    head = [
        "Gemeente Voorbeeldstad",
        "Retouradres: Postbus 1200, 9999 ZZ Voorbeeldstad",
        "",
        "De heer J. de Vries",
        "Dorpsstraat 12",
        "9999 AB Voorbeeldstad",
        "",
        "Datum            14 maart 2025",
        f"Ons kenmerk      Z/25/0{target_bytes % 100000:05d}",
        "Onderwerp        Besluit op uw Woo-verzoek",
        "",
        "Geachte heer De Vries,",
        "",
        "In uw brief van 3 januari 2025 heeft u met een beroep op de Wet open overheid (Woo) "
        "gevraagd om documenten. Wij hebben uw verzoek ontvangen op 6 januari 2025.",
        "",
        "Uw verzoek",
        "U vraagt om:",
    ]
    request = [f"{n}. {_SUBJECTS[n % len(_SUBJECTS)]} (deel {n});" for n in range(1, items + 1)]
    tail = [
        "",
        "Besluit",
        "Wij hebben besloten uw verzoek gedeeltelijk toe te wijzen, zoals hierboven per "
        "onderdeel beschreven.",
        "",
        "Bezwaar",
        "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken na de dag van "
        "verzending van deze brief bezwaar maken bij het college.",
        "",
        "Met vriendelijke groet,",
        "namens het college van burgemeester en wethouders,",
        "A. Ambtenaar",
    ]

    def answers(filler: int) -> list[str]:
        lines = ["", "Ons besluit"]
        for n in range(1, items + 1):
            outcome = _OUTCOMES[n % len(_OUTCOMES)].format(n=n, year=2020 + n % 5)
            extra = [_FILLER[(n + k) % len(_FILLER)].format(n=n) for k in range(filler)]
            lines += ["", f"Ad {n}", " ".join([outcome, *extra])]
        return lines

    def size(lines: Sequence[str]) -> int:
        return len("\n".join(lines).encode("utf-8"))

    filler = 0
    while size([*head, *request, *answers(filler), *tail]) < target_bytes:
        filler += 1
    return _pages([*head, *request, *answers(filler), *tail])


def _pages(lines: Sequence[str]) -> list[str]:
    """Cut the lines into pages of about PAGE_BYTES, with a page number at each foot."""
    pages: list[str] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        if sum(len(x) + 1 for x in current) >= PAGE_BYTES:
            pages.append("\n".join([*current, "", f"Pagina {len(pages) + 1}"]))
            current = []
    if current:
        pages.append("\n".join(current))
    return pages


def _parser() -> Callable[[list[str]], Any]:
    """``parse_letter``, imported late: its module and signature are being reworked."""
    from wobtrack.parsing.letters import parse_letter

    return parse_letter


def best_of(parse: Callable[[list[str]], Any], pages: list[str], repeat: int) -> float:
    """The fastest of ``repeat`` runs, in seconds (the least disturbed by other work)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse(pages)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100], help="kB")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    parse = _parser()
    parse(synthetic_letter(2000))  # warm-up: regex compilation, lazy imports

    rows = []
    for kb in sorted(args.sizes):
        pages = synthetic_letter(kb * 1000)
        size = sum(len(p.encode("utf-8")) for p in pages)
        letter = parse(pages)
        items = len(getattr(letter, "items", ()) or ())
        rows.append((size, len(pages), items, best_of(parse, pages, args.repeat)))

    base_size, _, _, base_s = rows[0]
    base_cost = base_s / base_size
    print(
        f"parse_letter on synthetic letters, best of {args.repeat}; ratio: µs/byte relative"
        f" to the {base_size / 1000:.0f} kB letter of this run (1.0 is linear)"
    )
    print()
    print("| size kB | pages | items found | seconds | µs/byte | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, page_count, items, seconds in rows:
        ratio = (seconds / size) / base_cost
        per_byte = seconds / size * 1e6
        print(
            f"| {size / 1000:.1f} | {page_count} | {items} | {seconds:.4f} | {per_byte:.2f} "
            f"| {ratio:.2f} |"
        )
    print()
    size, _, _, seconds = rows[-1]
    ratio = (seconds / size) / base_cost
    verdict = "met" if seconds < GOAL_SECONDS_100KB and ratio < GOAL_RATIO else "NOT met"
    print(
        f"goal: a 100 kB letter well under {GOAL_SECONDS_100KB:.0f} s, ratio below "
        f"{GOAL_RATIO}; largest here {size / 1000:.0f} kB in {seconds:.3f} s, ratio "
        f"{ratio:.2f}: {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
