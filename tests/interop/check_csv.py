"""CSV, read by Python's csv module as a spreadsheet would get it (with and without the UTF-8
byte order mark): every column present, one row per annotation and orphan, and each row's
start/end (code points) slicing the article text (taken from the session with `factmark
text`) to the row's text. Orphans have empty offsets."""

import csv

from interop_common import SESSIONS, Checks, export, texts_by_document

COLUMNS = ("document,id,tag,start,end,text,status,verdict,claimant,sources,note,analyst,"
           "created,changed,article_title,article_url,article_publisher,article_author,article_published").split(",")

checks = Checks("csv")
texts = texts_by_document()
plain = export("csv", "dataset.csv")
bom = export("csv", "dataset-bom.csv", "--bom")
checks.check(bom.read_bytes().startswith(b"\xef\xbb\xbf"), "--bom starts with a byte order mark")
checks.check(bom.read_bytes()[3:] == plain.read_bytes(), "and is otherwise the same")
rows = 0
for path in (plain, bom):
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        checks.check(reader.fieldnames == COLUMNS, f"columns {reader.fieldnames}")
        for number, row in enumerate(reader, 2):
            rows += 1
            text = texts[row["document"]]
            if row["start"] == "":
                checks.check(row["end"] == "" and row["text"], f"row {number}: an orphan keeps its text")
                continue
            sliced = text[int(row["start"]) : int(row["end"])]
            checks.check(sliced == row["text"], f"row {number}: {sliced!r} != {row['text']!r}")
            checks.check(row["tag"] in ("Claim", "Statistic", "Quote"), f"row {number}: tag")
            checks.check(row["status"] in ("To check", "Checking", "Checked", "Not checkable"), f"row {number}: status")
checks.done(f"{rows // 2} rows from {len(SESSIONS)} sessions, read twice: every slice matches")
