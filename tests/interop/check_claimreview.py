"""schema.org ClaimReview JSON-LD, expanded by pyld with the schema.org context held locally
(tests/interop/schemaorg/context.jsonld: no network; any other URL is refused), then checked
against the schema.org vocabulary (tests/interop/schemaorg/vocabulary.json): every property is
one schema.org defines for the node's type or a supertype (a misspelt property would expand
through @vocab without complaint, so this is the check that catches it), and every review has
what Google's ClaimReview guidelines require (claimReviewed, reviewRating with alternateName
or ratingValue, url, author, itemReviewed Claim), with a rating inside its own scale."""

import json
import pathlib

from pyld import jsonld

from interop_common import Checks, export

HERE = pathlib.Path(__file__).parent
CONTEXT = json.loads((HERE / "schemaorg" / "context.jsonld").read_text(encoding="utf-8"))
VOCAB = json.loads((HERE / "schemaorg" / "vocabulary.json").read_text(encoding="utf-8"))
SCHEMA = "http://schema.org/"


def local_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise RuntimeError(f"no network at test time: refused to fetch {url}")


checks = Checks("claimreview")
path = export(
    "claimreview", "reviews.json",
    "--organisation", "Example Fact Check",
    "--review-url", "https://factcheck.example/{document}.html",
)
reviews = json.loads(path.read_text(encoding="utf-8"))
expanded = jsonld.expand(reviews, {"documentLoader": local_loader})
checks.check(len(expanded) == len(reviews) and reviews, f"{len(expanded)} expanded reviews")


def types_of(node):
    return [t.removeprefix(SCHEMA) for t in node.get("@type", [])]


def problems(node, where):
    """What in `node` (and the nodes inside it) schema.org does not define for its type."""
    found = []
    kinds = types_of(node)
    allowed = {t for k in kinds for t in VOCAB["types"].get(k, [])}
    if not allowed:
        found.append(f"{where}: type {kinds} is not in the vocabulary")
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = key.removeprefix(SCHEMA)
        domains = VOCAB["properties"].get(name, {}).get("domains", [])
        if not key.startswith(SCHEMA) or not allowed & set(domains):
            found.append(f"{where}: {name} is not a schema.org property of {kinds}")
        for i, value in enumerate(values):
            if isinstance(value, dict) and "@type" in value and "@value" not in value:
                found.extend(problems(value, f"{where}.{name}[{i}]"))
    return found


def one(node, name):
    values = node.get(SCHEMA + name, [])
    return values[0] if values else None


def value(node, name):
    v = one(node, name)
    return None if v is None else v.get("@value", v.get("@id"))


for number, review in enumerate(expanded, 1):
    where = f"review {number}"
    checks.check(types_of(review) == ["ClaimReview"], f"{where}: a ClaimReview")
    found = problems(review, where)
    checks.check(not found, "; ".join(found))
    for required in ("claimReviewed", "reviewRating", "url", "author", "itemReviewed", "datePublished"):
        checks.check(one(review, required) is not None, f"{where}: has {required}")
    rating = one(review, "reviewRating") or {}
    checks.check(value(rating, "alternateName"), f"{where}: the rating has its name")
    best, worst, given = (value(rating, k) for k in ("bestRating", "worstRating", "ratingValue"))
    checks.check(worst <= given <= best, f"{where}: {worst} <= {given} <= {best}")
    item = one(review, "itemReviewed") or {}
    checks.check(types_of(item) == ["Claim"], f"{where}: it reviews a Claim")
    checks.check(one(item, "appearance") is not None, f"{where}: the claim's appearance")
    checks.check(str(value(review, "url")).startswith("https://factcheck.example/"), f"{where}: url")
# The vocabulary check bites: a misspelt property expands through @vocab, but is caught.
tampered = json.loads(json.dumps(reviews[0]))
tampered["claimReviwed"] = tampered.pop("claimReviewed")
tampered["reviewRating"]["ratingValu"] = 1
found = problems(jsonld.expand(tampered, {"documentLoader": local_loader})[0], "tampered")
checks.check(len(found) == 2, f"misspelt properties are caught: {found}")
checks.done(f"{len(expanded)} ClaimReviews expand with the local context and fit the vocabulary")
