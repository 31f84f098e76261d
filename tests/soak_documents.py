"""Run the pyproject.toml property of test_ruffconfig_documents.py over many documents and
count the failures by their first line, instead of stopping at the first (CI runs 60).

    python tests/soak_documents.py 1200
"""

from __future__ import annotations

import collections
import sys
import warnings

from hypothesis.errors import NonInteractiveExampleWarning

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from test_ruffconfig_documents import check_document, documents


def main(count: int) -> int:
    warnings.simplefilter("ignore", NonInteractiveExampleWarning)
    failures: collections.Counter[str] = collections.Counter()
    tried = 0
    strategy = documents()
    while tried < count:
        document = strategy.example()
        lines, newline, _, final, _ = document
        try:
            tomllib.loads(newline.join(x for x, _ in lines) + (newline if final else ""))
        except tomllib.TOMLDecodeError:
            continue  # not a valid document: drawn again
        tried += 1
        try:
            check_document(document)
        except Exception as e:  # noqa: BLE001 - counted by kind, the run goes on
            failures[f"{type(e).__name__}: {str(e).splitlines()[0][:150]}"] += 1
    print(f"{tried} documents, {sum(failures.values())} failed")
    for reason, n in failures.most_common():
        print(f"{n:5}  {reason}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1200))
