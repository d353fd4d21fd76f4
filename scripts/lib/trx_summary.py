#!/usr/bin/env python3
"""Totals the TRX files that `dotnet test --logger trx` wrote under a folder.

Prints per-project details on stderr, then ONE line on stdout:

    N passed, N failed, N skipped

That line is the closing line CI reads, so nothing is printed after it.
"failed" also counts the TRX outcomes error, timeout and aborted: all of them
mean a test did not pass, and hiding them would turn a broken run green.
"skipped" is the tests that did not execute (xunit's Skip). The TRX logger
writes those as outcome NotExecuted but, as seen with vstest 18 and xunit
2.9, leaves Counters' notExecuted at 0 and only lowers executed; so skipped
is total - executed, or notExecuted if that is larger.

Exit status: 0 when at least one test ran and none failed; 1 when any failed;
2 when there is nothing to count (no TRX, unreadable TRX, or no test ran),
because a run that tested nothing must not look like a pass.

Usage: trx_summary.py RESULTS_DIR
"""

import pathlib
import sys
import xml.etree.ElementTree as ET

FAILED_KEYS = ("failed", "error", "timeout", "aborted")


def local(tag: str) -> str:
    """Drops the XML namespace, so any TRX schema version parses the same."""
    return tag.rsplit("}", 1)[-1]


def count(path: pathlib.Path) -> tuple[str, dict[str, int]]:
    root = ET.parse(path).getroot()
    counters = None
    name = path.name
    for el in root.iter():
        tag = local(el.tag)
        if tag == "Counters" and counters is None:
            counters = el
        elif tag == "TestMethod" and name == path.name:
            # The test assembly names the project far better than the TRX's
            # user_machine_timestamp file name does. codeBase keeps the
            # file name's case; UnitTest's storage is lower-cased.
            code_base = el.get("codeBase")
            if code_base:
                name = pathlib.PurePath(code_base.replace("\\", "/")).name
    if counters is None:
        raise ValueError("no <Counters> element in ResultSummary")

    def attr(key: str) -> int:
        return int(counters.get(key, "0") or "0")

    return name, {
        "total": attr("total"),
        "passed": attr("passed"),
        "failed": sum(attr(k) for k in FAILED_KEYS),
        "skipped": max(attr("notExecuted"), attr("total") - attr("executed")),
    }


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    results = pathlib.Path(sys.argv[1])
    files = sorted(results.rglob("*.trx")) if results.is_dir() else []
    if not files:
        print(f"ERROR: no TRX files under {results}: no test project ran", file=sys.stderr)
        return 2

    totals = {"passed": 0, "failed": 0, "skipped": 0}
    unreadable = 0
    for f in files:
        try:
            name, c = count(f)
        except (ET.ParseError, ValueError, OSError) as e:
            # A test host that crashed mid-run can leave a truncated TRX.
            print(f"ERROR: cannot read {f}: {e}", file=sys.stderr)
            unreadable += 1
            continue
        print(
            f"  {name}: total {c['total']}, passed {c['passed']}, "
            f"failed {c['failed']}, skipped {c['skipped']}",
            file=sys.stderr,
        )
        for k in totals:
            totals[k] += c[k]

    ran = totals["passed"] + totals["failed"]
    if ran == 0:
        print("ERROR: no test ran (every TRX counts zero executed tests)", file=sys.stderr)
    sys.stderr.flush()
    print(f"{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
    sys.stdout.flush()

    if unreadable or ran == 0:
        return 2
    return 1 if totals["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
