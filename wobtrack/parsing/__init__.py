"""Decision-letter parsing: text in, data out.

The entry point is ``wobtrack.parsing.letters.parse_letter(pages, links, anchors)``, which returns a
``wobtrack.parsing.model.ParsedLetter`` (its ``to_json(file)`` is the ``wobtrack parse
--json`` object). The rules live beside it: ``phrases`` (outcome wording, headings, the
bezwaar clause, as data), ``grounds`` (refusal grounds to codes) and ``dutch_dates`` (dates
and the dagtekening). Only ``pdftext`` touches PDFs.
"""
