"""Shared by the check_*.py scripts: export the fixture sessions with the real factmark
binary, read an article's text back from a session, and count what was checked.

run.sh sets FACTMARK (the binary), INTEROP_SESSIONS (the fixture sessions, *.ron) and
INTEROP_OUT (a scratch folder). Each check exports its own files, so run.sh knows no format.
"""

import os
import pathlib
import subprocess
import sys

FACTMARK = os.environ["FACTMARK"]
SESSIONS = sorted(pathlib.Path(os.environ["INTEROP_SESSIONS"]).glob("*.ron"))
OUT = pathlib.Path(os.environ["INTEROP_OUT"])

if not SESSIONS:
    sys.exit(f"no sessions in {os.environ['INTEROP_SESSIONS']}")


def export(fmt, name, *extra, sessions=None):
    """Exports the fixture sessions (all of them: a dataset) to `fmt` as OUT/name."""
    out = OUT / name
    sessions = SESSIONS if sessions is None else sessions
    args = [FACTMARK, "export", *map(str, sessions), "--to", fmt, "-o", str(out), *extra]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"factmark export --to {fmt} failed:\n{done.stderr}")
    return out


def article_text(session):
    """The article text embedded in a session file, exactly (`factmark text`)."""
    done = subprocess.run([FACTMARK, "text", str(session)], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def texts_by_document():
    """Each fixture session's article text by its name in a dataset (the file's stem)."""
    return {session.stem: article_text(session) for session in SESSIONS}


class Checks:
    """Counts checks and failures; `done()` prints a summary and exits 1 on any failure."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, ok, message):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"  FAIL {message}")

    def done(self, summary):
        print(f"  {summary}")
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed or not self.passed else 0)
