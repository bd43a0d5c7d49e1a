"""doccano JSONL, read the way doccano's data reaches Python: json for the file, and Python's
own UTF-16 slicing for the offsets (doccano counts UTF-16 code units, as the browser does).
Every span's slice must be the annotated text in its `factmark` record, every line's text the
session's article text, and every span must carry a known label."""

import json

from interop_common import Checks, export, texts_by_document

checks = Checks("doccano")
path = export("doccano", "dataset.jsonl")
texts = texts_by_document()
spans = 0
lines = path.read_text(encoding="utf-8").splitlines()
checks.check(len(lines) == len(texts), f"{len(lines)} lines for {len(texts)} sessions")
for number, line in enumerate(lines, 1):
    doc = json.loads(line)
    text = doc["text"]
    meta = doc["factmark"]
    name = meta["document"]
    checks.check(text == texts.get(name), f"line {number}: the text is session {name}'s article")
    units = text.encode("utf-16-le")
    records = meta["annotations"]
    checks.check(len(records) == len(doc["label"]), f"line {number}: one record per span")
    for (start, end, label), record in zip(doc["label"], records):
        spans += 1
        sliced = units[2 * start : 2 * end].decode("utf-16-le")
        checks.check(
            sliced == record["text"],
            f"line {number} [{start}, {end}, {label}]: UTF-16 slice {sliced!r} != {record['text']!r}",
        )
        checks.check(label in ("Claim", "Statistic", "Quote"), f"label {label}")
        checks.check((record["start"], record["end"], record["label"]) == (start, end, label), "record matches")
    # The unit matters: an emoji before the first span shifts UTF-16 offsets past code points.
    if any(ord(c) > 0xFFFF for c in text[: 50]) and doc["label"]:
        start, end, _ = doc["label"][0]
        checks.check(text[start:end] != records[0]["text"], f"line {number}: code-point slicing would be off")
checks.done(f"{len(lines)} documents, {spans} spans: every UTF-16 slice is the annotated text")
