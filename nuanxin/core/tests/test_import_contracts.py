"""The import contracts in .importlinter are run by `make test`; this shows they bite.

A copy of the package gets four deliberately wrong imports, one per kind of rule, and
lint-imports must fail on each, naming it; the untouched copy passes.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT = Path(sys.executable).with_name("lint-imports")

WRONG = {
    # a general ledger that learns about gigs
    "nuanxin/wages/probe_ledger.py": ("from nuanxin.gigs import services  # noqa: F401\n",
                                      "nuanxin.wages.probe_ledger -> nuanxin.gigs.services"),
    # a lower floor importing a higher one
    "nuanxin/places/probe_floor.py": ("from nuanxin.bookings import selectors  # noqa: F401\n",
                                      "nuanxin.places.probe_floor -> nuanxin.bookings.selectors"),
    # another app's tables, instead of its services and selectors
    "nuanxin/bookings/probe_tables.py": ("from nuanxin.accounts.models import WorkerProfile  # noqa: F401\n",
                                         "nuanxin.bookings.probe_tables -> nuanxin.accounts.models"),
    # another app's pages
    "nuanxin/gigs/probe_pages.py": ("from nuanxin.bookings import views  # noqa: F401\n",
                                    "nuanxin.gigs.probe_pages -> nuanxin.bookings.views"),
}


def _lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=where, capture_output=True, text=True, timeout=120)


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "nuanxin", tmp_path / "nuanxin",
                    ignore=shutil.ignore_patterns("__pycache__", "locale", "static", "templates"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def test_the_contracts_hold_on_the_code_as_it_is(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_wrong_import_breaks_the_build(tmp_path):
    where = _copy(tmp_path)
    for path, (line, _named) in WRONG.items():
        (where / path).write_text(line)
    result = _lint(where)
    assert result.returncode != 0
    for _path, (_line, named) in WRONG.items():
        assert named in result.stdout, f"{named} not reported:\n{result.stdout}"
