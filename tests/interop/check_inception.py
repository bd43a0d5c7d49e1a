"""INCEpTION's UIMA CAS JSON, read by dkpro-cassis (`load_cas_from_json`).

Exports each fixture session as a CAS (one document per file), loads it with cassis using
the type system inside the file, and checks that the sofa is the article text and that
`get_covered_text()` of every Factmark span (cassis converts the file's UTF-16 offsets to
code points) is the annotation's text at the session's offsets, with its fields. Then cassis
writes the CAS back to JSON and its offsets must equal ours: both count UTF-16 code units.
"""

import json

from cassis import load_cas_from_json

import fixture

LAYER = "webanno.custom.Factmark"
METADATA = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"


def main():
    checked = 0
    for path in fixture.sessions():
        session = fixture.load(path)
        fixture.check_session_texts(session)
        out = fixture.export([path], "inception", fixture.OUT / f"{path.stem}.cas.json")
        with open(out, encoding="utf-8") as f:
            cas = load_cas_from_json(f)
        assert cas.sofa_string == session["text"], path
        layer = cas.typesystem.get_type(LAYER)
        for feature in ("tag", "status", "verdict", "claimant", "sources", "note", "identifier"):
            assert layer.get_feature(feature) is not None, feature
        metadata = cas.select(METADATA)
        assert len(metadata) == 1 and metadata[0].documentId == path.stem, metadata
        spans = cas.select(LAYER)
        assert len(spans) == len(session["annotations"]), (len(spans), path)
        for span in spans:
            tag, start, end, text = session["annotations"][span.identifier]
            assert span.get_covered_text() == text, (span.identifier, span.get_covered_text())
            assert (span.begin, span.end) == (start, end), span.identifier
            assert span.tag == tag, span.identifier
            checked += 1
        ours = {
            fs["identifier"]: (fs["begin"], fs["end"])
            for fs in json.loads(out.read_text(encoding="utf-8"))["%FEATURE_STRUCTURES"]
            if fs["%TYPE"] == LAYER
        }
        theirs = {
            fs["identifier"]: (fs["begin"], fs["end"])
            for fs in json.loads(cas.to_json())["%FEATURE_STRUCTURES"]
            if fs["%TYPE"] == LAYER
        }
        assert ours == theirs, (ours, theirs)
    print(f"inception: cassis loaded the CAS; {checked} spans cover their text")


if __name__ == "__main__":
    main()
