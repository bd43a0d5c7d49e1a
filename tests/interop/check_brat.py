"""brat standoff, read by bratly (PyPI `bratly` + `bratly-io-fs`), and checked again here.

Exports every fixture session into one brat folder, then:
- bratly reads the folder (its grammar check verifies each T line's text length against its
  fragments) and `check_ann_compatibility_with_txt` compares each fragment with the .txt;
- an independent check slices the .txt as brat itself does (code points, fragments joined
  by one space, as brat's server compares them) and compares with each T line, and with the
  session: every annotation is there, its fragments cover exactly its span, and the gaps
  between fragments are line breaks and spaces only;
- attributes and notes are where they belong: status and verdict values are declared in
  annotation.conf, notes are one line and unescape to the session's multi-line note.
"""

import re

from bratly import AttributeAnnotation, EntityAnnotation, NoteAnnotation
from bratly.io import read_document_collection_from_folder

import fixture

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def conf_values(conf):
    """Attribute name -> its declared values, from annotation.conf."""
    values = {}
    for name, value_list in re.findall(r"^(\w+)\t.*Value:(\S+)$", conf, re.M):
        values[name] = set(value_list.split("|"))
    return values


def main():
    paths = fixture.sessions()
    folder = fixture.export(paths, "brat", fixture.OUT / "brat")
    sessions = {p.stem: fixture.load(p) for p in paths}
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    declared = conf_values(conf)
    assert set(declared) == {"Status", "Verdict", "Attribution"}, declared

    collection = read_document_collection_from_folder(str(folder) + "/")
    assert len(collection.documents) == len(paths), collection
    checked = 0
    for document in collection.documents:
        name = document.fullpath.rsplit("/", 1)[-1].removesuffix(".txt")
        session = sessions[name]
        fixture.check_session_texts(session)
        assert document.check_ann_compatibility_with_txt(), name
        with open(document.fullpath, encoding="utf-8", newline="") as f:
            text = f.read()
        assert text == session["text"], name
        annotations = document.annotation_collections[0]
        # bratly renumbers ids; the raw .ann keeps Factmark's, read them from there.
        raw = (folder / f"{name}.ann").read_text(encoding="utf-8")
        raw_ids = [int(i) for i in re.findall(r"^T(\d+)\t", raw, re.M)]
        entities = annotations.get_annotations(descendant_type=EntityAnnotation)
        assert len(entities) == len(session["annotations"]) == len(raw_ids), name
        for entity in entities:
            fragments = [(f.start, f.end) for f in entity.fragments]
            joined = " ".join(text[s:e] for s, e in fragments)
            assert joined == entity.content, (name, entity)
            for s, e in fragments:
                assert not any(c in LINE_BREAKS for c in text[s:e]), (name, entity)
            for (_, e1), (s2, _) in zip(fragments, fragments[1:]):
                gap = text[e1:s2]
                assert gap.strip() == "" and any(c in LINE_BREAKS for c in gap), gap
            start, end = fragments[0][0], fragments[-1][1]
            matches = [
                i
                for i, (tag, s, e, t) in session["annotations"].items()
                if (tag, s, e) == (entity.label, start, end) and t == text[start:end]
            ]
            assert matches, (name, entity)
            checked += 1
        for attribute in annotations.get_annotations(descendant_type=AttributeAnnotation):
            assert attribute.label in declared, attribute
            assert len(attribute.values) == 1, attribute
            assert attribute.values[0] in declared[attribute.label], attribute
        notes = annotations.get_annotations(descendant_type=NoteAnnotation)
        for note in notes:
            assert "\n" not in note.value, note
        if name == "small":
            first = [n for n in notes if n.label == "AnnotatorNotes"][0]
            assert first.value.replace("\\n", "\n").startswith("Viasna's list says 52.\nThe state"), first
    print(f"brat: bratly read {len(collection.documents)} document(s); {checked} spans match their text")


if __name__ == "__main__":
    main()
