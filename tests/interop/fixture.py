"""What the check scripts know of the interop fixture sessions, read independently of Factmark.

Each session file (tests/interop/sessions/*.ron, written by Factmark; the headless tests pin its
bytes) holds the article text and, per annotation, its id, tag, code-point start and end and
its text. This small reader takes exactly those lines, so each check compares what a real
reader sees in an export with what the session says, not with what the exporter says.
Also: running `$FACTMARK export`, and the environment tests/interop/run.sh sets.
"""

import os
import pathlib
import re
import subprocess

FACTMARK = os.environ["FACTMARK"]
SESSIONS = pathlib.Path(os.environ["INTEROP_SESSIONS"])
OUT = pathlib.Path(os.environ["INTEROP_OUT"])

_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "r": "\r", "t": "\t", "0": "\0"}


def unescape(literal):
    """The value of a RON string literal's body (Rust escapes: \\n, \\", \\u{301}, ...)."""
    out = []
    i = 0
    while i < len(literal):
        c = literal[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = literal[i + 1]
        if nxt == "u":
            close = literal.index("}", i)
            out.append(chr(int(literal[i + 3 : close], 16)))
            i = close + 1
        elif nxt == "x":
            out.append(chr(int(literal[i + 2 : i + 4], 16)))
            i += 4
        else:
            out.append(_ESCAPES[nxt])
            i += 2
    return "".join(out)


_STRING = r'"((?:[^"\\]|\\.)*)"'
_ARTICLE_TEXT = re.compile(r"^\s*text: " + _STRING + r",$", re.M)
_SHA = re.compile(r'^\s*sha256: "([0-9a-f]{64})",$', re.M)
_URL = re.compile(r"details: \(url: " + _STRING)
_ANNOTATION = re.compile(
    r"^\s*\(id: (\d+), tag: (\w+), start: (\d+), end: (\d+), text: " + _STRING, re.M
)


def load(path):
    """A session's text, SHA-256, URL and annotations ({id: (tag, start, end, text)})."""
    ron = pathlib.Path(path).read_text(encoding="utf-8")
    url = _URL.search(ron)
    return {
        "name": pathlib.Path(path).stem,
        "text": unescape(_ARTICLE_TEXT.search(ron).group(1)),
        "sha256": _SHA.search(ron).group(1),
        "url": unescape(url.group(1)) if url else "",
        "annotations": {
            int(m.group(1)): (m.group(2), int(m.group(3)), int(m.group(4)), unescape(m.group(5)))
            for m in _ANNOTATION.finditer(ron)
        },
    }


def sessions():
    """Every fixture session file, sorted."""
    found = sorted(SESSIONS.glob("*.ron"))
    assert found, f"no sessions in {SESSIONS}"
    return found


def export(paths, format_name, out):
    """Runs `factmark export PATHS --to FORMAT -o OUT` and returns OUT."""
    subprocess.run(
        [FACTMARK, "export", *map(str, paths), "--to", format_name, "-o", str(out)],
        check=True,
    )
    return out


def check_session_texts(session):
    """The fixture's own consistency: each annotation's text is its slice of the article."""
    for ident, (_, start, end, text) in session["annotations"].items():
        assert session["text"][start:end] == text, (session["name"], ident)
