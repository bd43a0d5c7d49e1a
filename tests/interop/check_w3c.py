"""W3C Web Annotation, read by pyld (JSON-LD) and validated by the W3C's own test schemas.

Exports every fixture session into one AnnotationCollection, then:
- pyld expands it with the Web Annotation context held locally (w3c/anno.jsonld; a document
  loader that refuses every other URL, so nothing is fetched): every annotation expands to an
  oa:Annotation whose selectors, purposes and schema.org terms are full IRIs;
- jsonschema validates the collection, its page and every annotation against the MUST
  assertions of the W3C Web Annotation test suite (w3c/web-annotation-tests, Draft 4);
- every TextPositionSelector, sliced as a Python str (code points), is its TextQuoteSelector's
  exact, its prefix and suffix are the text around it, and both are the session's.
"""

import copy
import json
import pathlib

import jsonschema
import referencing
from pyld import jsonld

import fixture

HERE = pathlib.Path(__file__).parent / "w3c"
CONTEXT_URLS = {"http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"}
OA = "http://www.w3.org/ns/oa#"
SCHEMA = "http://schema.org/"
TESTS = HERE / "web-annotation-tests"


def local_loader(url, options=None):
    """pyld's document loader: the Web Annotation context from disk, nothing else."""
    if url not in CONTEXT_URLS:
        raise jsonld.JsonLdError(f"refusing to fetch {url}", "loading document failed")
    document = json.loads((HERE / "anno.jsonld").read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def validators(test_file):
    """A Draft 4 validator for every assertion a W3C `.test` file lists."""
    registry = referencing.Registry()
    for path in (TESTS / "definitions").glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = referencing.Resource.from_contents(
            schema, default_specification=referencing.jsonschema.DRAFT4
        )
        registry = registry.with_resource(schema["id"], resource)
    test = json.loads((TESTS / test_file).read_text(encoding="utf-8"))
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    found = []
    for assertion in test["assertions"]:
        schema = json.loads((TESTS / assertion).read_text(encoding="utf-8"))
        assert schema["expectedResult"] == "valid", assertion
        found.append(
            (assertion, jsonschema.Draft4Validator(schema, registry=registry, format_checker=checker))
        )
    return found


def validate(document, test_file):
    for assertion, validator in validators(test_file):
        errors = list(validator.iter_errors(document))
        assert not errors, (assertion, [e.message for e in errors][:3])


def expand_and_check(collection):
    expanded = jsonld.expand(collection, {"documentLoader": local_loader})
    annotations = []

    def walk(node):
        if isinstance(node, dict):
            if OA + "Annotation" in node.get("@type", []):
                annotations.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(expanded)
    assert len(annotations) == collection["total"], (len(annotations), collection["total"])
    purposes = set()
    for annotation in annotations:
        target = annotation[OA + "hasTarget"][0]
        selector_types = {t for s in target[OA + "hasSelector"] for t in s["@type"]}
        assert OA + "TextQuoteSelector" in selector_types, target
        for body in annotation[OA + "hasBody"]:
            purposes.update(p["@id"] for p in body[OA + "hasPurpose"])
        assert SCHEMA + "creativeWorkStatus" in annotation, annotation
        for selector in target[OA + "hasSelector"]:
            if OA + "TextPositionSelector" in selector["@type"]:
                start = selector[OA + "start"][0]
                assert start["@type"] == "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    assert purposes <= {OA + "tagging", OA + "commenting", OA + "assessing"}, purposes
    assert OA + "assessing" in purposes, "the fixture has verdicts"
    return len(annotations)


def check_offsets(collection, sessions):
    by_source = {}
    for session in sessions:
        source = session["url"] or f"nih:sha-256;{session['sha256']}"
        by_source[source] = session
    checked = 0
    for item in collection["first"]["items"]:
        session = by_source[item["target"]["source"]]
        text = session["text"]
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        quote = selectors["TextQuoteSelector"]
        position = selectors["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"], item["id"]
        assert text[:start].endswith(quote.get("prefix", "")), item["id"]
        assert text[end:].startswith(quote.get("suffix", "")), item["id"]
        tag, s, e, expected = session["annotations"][item["schema:identifier"]]
        assert (s, e, expected) == (start, end, quote["exact"]), item["id"]
        tags = [b["value"] for b in item["body"] if b["purpose"] == "tagging"]
        assert tags == [tag], item["id"]
        checked += 1
    assert checked == sum(len(s["annotations"]) for s in sessions)
    return checked


def main():
    paths = fixture.sessions()
    sessions = [fixture.load(p) for p in paths]
    for session in sessions:
        fixture.check_session_texts(session)
    out = fixture.export(paths, "w3c", fixture.OUT / "w3c.json")
    collection = json.loads(out.read_text(encoding="utf-8"))
    validate(collection, "collections/collectionMusts.test")
    page = dict(collection["first"], **{"@context": collection["@context"]})
    validate(page, "collections/pages/pageMusts.test")
    for item in collection["first"]["items"]:
        standalone = dict(copy.deepcopy(item), **{"@context": collection["@context"]})
        validate(standalone, "annotations/annotationMusts.test")
    expanded = expand_and_check(collection)
    checked = check_offsets(collection, sessions)
    print(
        f"w3c: pyld expanded {expanded} annotations; W3C MUST schemas passed; "
        f"{checked} position selectors slice to their quotes"
    )


if __name__ == "__main__":
    main()
