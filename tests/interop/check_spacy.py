"""spaCy JSONL through the recipe in docs/EXPORT.md: a blank English pipeline, each span made
with Doc.char_span(start, end, label=…, alignment_mode="expand"), the docs saved as a DocBin
and loaded back. Every span's text must contain the annotated text, and equal it where the
annotation starts and ends on token boundaries."""

import json

import spacy
from spacy.tokens import DocBin

from interop_common import OUT, Checks, export, texts_by_document

checks = Checks("spacy")
path = export("spacy", "dataset.jsonl")
texts = texts_by_document()

nlp = spacy.blank("en")
db = DocBin()
expected = []
# The recipe (docs/EXPORT.md), line for line:
for line in map(json.loads, open(path, encoding="utf-8")):
    doc = nlp.make_doc(line["text"])
    doc.spans["sc"] = [doc.char_span(s["start"], s["end"], label=s["label"], alignment_mode="expand") for s in line["spans"]]
    db.add(doc)
    # The checks:
    checks.check(line["text"] == texts.get(line["meta"]["document"]), "the article text")
    exact = 0
    for s, span in zip(line["spans"], doc.spans["sc"]):
        checks.check(span is not None, f"{s['start']}..{s['end']} makes a span")
        checks.check(s["text"] in span.text, f"{span.text!r} contains {s['text']!r}")
        checks.check(line["text"][s["start"] : s["end"]] == s["text"], f"code points {s['start']}..{s['end']}")
        if doc.char_span(s["start"], s["end"]) is not None:  # on token boundaries
            exact += 1
            checks.check(span.text == s["text"], f"{span.text!r} == {s['text']!r}")
    checks.check(exact > 0, "some spans are on token boundaries")
    expected.append([(span.text, span.label_) for span in doc.spans["sc"]])

db.to_disk(OUT / "dataset.spacy")
back = list(DocBin().from_disk(OUT / "dataset.spacy").get_docs(nlp.vocab))
checks.check([[(s.text, s.label_) for s in d.spans["sc"]] for d in back] == expected, "the DocBin loads back the same spans")
checks.done(f"{len(back)} docs, {sum(map(len, expected))} spans through char_span and DocBin")
