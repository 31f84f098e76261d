"""What only the rest of the repository shows: an unused-looking import that another file, a
doctest, a test of the import itself, a framework or a deliberately missing module needs.

Each class has "must keep" cases and look-alikes that are genuinely unused ("must remove").
The whole little repository is fixed, as `adopt-fast fix .` in a project would; real Ruff.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from fixtesting import run_fix

from testing import write_files

COMPAT = "from shlex import quote as shell_quote\n"
BASE = {"pkg/__init__.py": "", "pkg/new.py": "class NewError(Exception): ...\n"}

# openpyxl's shape: marker.py star-imports error_bar.py for one class, not for its imports.
MARKER = {
    "pkg/__init__.py": "",
    "pkg/error_bar.py": "from pkg.descriptors import Float, Set\n\n\nclass ErrorBar:\n    x = Set()\n",
    "pkg/descriptors.py": "class Float: ...\nclass Set: ...\n",
    "pkg/marker.py": "from pkg.error_bar import *\n\n\nclass Marker(ErrorBar): ...\n",
}

# (files, file with the import, the reason it is kept: a substring of --show-kept's line)
KEEP = [
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "tests/test_cli.py": "from pkg.compat import shell_quote\nshell_quote('x')\n",
        },
        "pkg/compat.py",
        "kept `shlex.quote` (imported from here by tests/test_cli.py:1)",
        id="compat-module",
    ),
    pytest.param(
        {
            "pkg/errors.py": "from .new import NewError as OldError\n",
            "pkg/api.py": "from .errors import OldError\nraise OldError\n",
        },
        "pkg/errors.py",
        "(imported from here by pkg/api.py:1)",
        id="backward-compatible-alias-relative",
    ),
    pytest.param(
        {
            "pkg/_base.py": "def backend_error(): ...\n",
            "pkg/base.py": "from ._base import backend_error\n",
            "pkg/sql.py": "from pkg.base import backend_error\nbackend_error()\n",
        },
        "pkg/base.py",
        "(imported from here by pkg/sql.py:1)",
        id="private-base-module",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "tests/test_a.py": "import pkg.compat\npkg.compat.shell_quote('x')\n",
        },
        "pkg/compat.py",
        "(used as `pkg.compat.shell_quote` by tests/test_a.py:2)",
        id="import-module-then-attribute",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "tests/test_a.py": "import pkg.compat as c\nc.shell_quote('x')\n",
        },
        "pkg/compat.py",
        "(used as `pkg.compat.shell_quote` by tests/test_a.py:2)",
        id="import-module-as-alias",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "tests/test_a.py": "from pkg import compat\ncompat.shell_quote('x')\n",
        },
        "pkg/compat.py",
        "(used as `pkg.compat.shell_quote` by tests/test_a.py:2)",
        id="from-package-import-module",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "tests/test_a.py": "from unittest import mock\n\n"
            "@mock.patch('pkg.compat.shell_quote')\ndef test_q(q): ...\n",
        },
        "pkg/compat.py",
        "(named as `pkg.compat.shell_quote` in tests/test_a.py:3)",
        id="mock-patch-string",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "tests/test_a.py": "from pkg import compat\n\n"
            "def test_q(monkeypatch):\n    monkeypatch.setattr(compat, 'shell_quote', str)\n",
        },
        "pkg/compat.py",
        "(used as `pkg.compat.shell_quote` by tests/test_a.py:4)",
        id="monkeypatch-setattr-module-and-name",
    ),
    pytest.param(
        {
            "pkg/cli.py": "from pkg.main import run\n",
            "pkg/main.py": "def run(): ...\n",
            "pyproject.toml": '[project]\nname = "pkg"\n[project.scripts]\npkg = "pkg.cli:run"\n',
        },
        "pkg/cli.py",
        "(named as `pkg.cli:run` in pyproject.toml:4)",
        id="entry-point",
    ),
    pytest.param(
        {"pkg/compat.py": COMPAT, "pkg/everything.py": "from pkg.compat import *\n"},
        "pkg/compat.py",
        "(star-imported from here by pkg/everything.py:1)",
        id="star-import",
    ),
    pytest.param(
        {
            **MARKER,
            "tests/test_marker.py": "from pkg.marker import Float\n\nFloat()\n",
        },
        "pkg/error_bar.py",
        "kept `pkg.descriptors.Float` (star-imported from here by pkg/marker.py:1)",
        id="star-import-passed-on-to-a-file-that-imports-it-from-there",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "from pkg.core import *\n\nVERSION = '1.0'\n",
            "pkg/core.py": "from shlex import quote\n\n\ndef run(): ...\n",
        },
        "pkg/core.py",
        "(star-imported from here by pkg/__init__.py:1)",
        id="star-import-into-a-package-namespace",
    ),
    pytest.param(
        {
            "pkg/_pure.py": "from shlex import quote\n\n\ndef run(): ...\n",
            "pkg/speedups.py": '"""Fast if it can be."""\n__version__ = "1"\ntry:\n'
            "    from pkg._fast import *\nexcept ImportError:\n    from pkg._pure import *\n",
        },
        "pkg/_pure.py",
        "(star-imported from here by pkg/speedups.py:6)",
        id="star-import-into-a-module-that-only-chooses-what-to-import",
    ),
    pytest.param(
        {
            "pkg/_names.py": "from shlex import quote\n\n\ndef run(): ...\n",
            "pkg/lookup.py": "from pkg._names import *\n\n\nclass C: ...\n\n\n"
            "def find(name):\n    return globals()[name]\n",
        },
        "pkg/_names.py",
        "(star-imported from here by pkg/lookup.py:1)",
        id="star-import-into-a-module-that-reads-its-names-at-run-time",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT,
            "docs/usage.rst": "Quoting\n=======\n\n>>> from pkg.compat import shell_quote\n"
            ">>> shell_quote('a b')\n\"'a b'\"\n",
        },
        "pkg/compat.py",
        "(imported from here by docs/usage.rst:4)",
        id="doctest-in-the-docs",
    ),
    pytest.param(
        {
            "tests/__init__.py": "",
            "tests/fixtures.py": "import pytest\n\n@pytest.fixture\ndef db(): return 1\n",
            "tests/conftest.py": "from tests.fixtures import db\n",
            "tests/test_db.py": "def test_db(db):\n    assert db\n",
        },
        "tests/conftest.py",
        "(a pytest fixture: a test takes `db` as a parameter (tests/test_db.py:1))",
        id="fixture-shared-by-conftest",
    ),
    pytest.param(
        {
            "pkg/fmt.py": '"""Pretty.\n\n>>> pformat([1])\n\'[1]\'\n"""\nfrom pprint import pformat\n'
        },
        "pkg/fmt.py",
        "(used by a doctest of this module (line 3), which runs with its globals)",
        id="own-doctest",
    ),
    pytest.param(
        {
            "tests/test_old.py": "import pytest\n\n\ndef test_deprecated():\n"
            "    with pytest.warns(DeprecationWarning):\n        import pkg.new\n",
        },
        "tests/test_old.py",
        "kept `pkg.new` (inside a `with` block: the import itself may be what it checks",
        id="import-under-pytest-warns",
    ),
    pytest.param(
        {
            "tests/test_old.py": "import unittest\n\n\nclass T(unittest.TestCase):\n"
            "    def test_old(self):\n        with self.assertWarns(DeprecationWarning):\n"
            "            import pkg.new\n",
        },
        "tests/test_old.py",
        "(inside a `with` block",
        id="import-under-assertWarns",
    ),
    pytest.param(
        {"tests/test_imports.py": "def test_json_imports():\n    import json\n    assert True\n"},
        "tests/test_imports.py",
        "kept `json` (inside the test `test_json_imports`: importing may be what it tests)",
        id="import-in-a-test-function",
    ),
    pytest.param(
        {"tests/data/broken.py": "import not_installed_anywhere\n"},
        "tests/data/broken.py",
        "(`not_installed_anywhere` cannot be found in the project or its environment",
        id="module-found-nowhere",
    ),
    pytest.param(
        {"tests/data/broken.py": "import pkg.removed_module\n"},
        "tests/data/broken.py",
        "(`pkg.removed_module` cannot be found in the project or its environment",
        id="own-submodule-found-nowhere",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/fields.py": "from struct import pack as unpack_byte\nSCHEMA = 1\n",
            "docs/quickstart.rst": "Start::\n\n    >>> from pkg.fields import *\n    >>> unpack_byte\n",
        },
        "pkg/fields.py",
        "star-imported from here by docs/quickstart.rst:3",
        id="a-document-star-importing-and-using-the-name",
    ),
    pytest.param(
        # lark 1.2.2: tools/standalone.py copies the source of the files it lists, imports
        # included, into the parser it generates.
        {
            "lark/__init__.py": "",
            "lark/tools/__init__.py": "",
            "lark/lexer.py": "###{standalone\nfrom typing import List\n###}\nx = 1\n",
            "lark/tools/standalone.py": "EXTRACT_STANDALONE_FILES = ['tools/__init__.py', 'lexer.py']\n",
        },
        "lark/lexer.py",
        "(the file is named in a string by lark/tools/standalone.py:1: code that reads it as text",
        id="source-copied-by-a-generator",
    ),
    pytest.param(
        # bandit 1.7.10: its functional tests scan examples/imports.py and count the imports.
        {
            "examples/imports.py": "import pickle\nimport os\n",
            "tests/test_functional.py": (
                "import os\n\n\ndef test_imports():\n"
                "    path = os.path.join('examples', 'imports.py')\n    assert path\n"
            ),
        },
        "examples/imports.py",
        "(the file is named in a string by tests/test_functional.py:5",
        id="example-scanned-by-the-tests",
    ),
    pytest.param(
        # A name that is no word (bandit's examples/nonsense-1.py style) is found by its first
        # word; undecodable names (tests/test_all_or_nothing.py) by theirs.
        {
            "examples/crypto-weak.py": "import pickle\n",
            "tests/test_scan.py": "PATH = 'examples/crypto-weak.py'\n",
        },
        "examples/crypto-weak.py",
        "(the file is named in a string by tests/test_scan.py:1",
        id="a-file-name-that-is-no-word",
    ),
    pytest.param(
        # bitstring 4.2.3's tests/test_bitstring.py: `from bitstring import __main__` loads
        # the submodule that `bitstring.__main__.main()` reads.
        {
            "pkg/__init__.py": "",
            "pkg/cli.py": "def main():\n    return 42\n",
            "tests/test_cli.py": (
                "import pkg\nfrom pkg import cli\n\n\ndef test_main():\n"
                "    assert pkg.cli.main() == 42\n"
            ),
        },
        "tests/test_cli.py",
        "(it may be what loads `pkg.cli`, which this file reads as an attribute on line 6",
        id="submodule-read-as-an-attribute-of-its-package",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/sub/__init__.py": "",
            "pkg/sub/cli.py": "def main():\n    return 42\n",
            "pkg/run.py": "import pkg.sub as s\nfrom .sub import cli\n\nprint(s.cli.main())\n",
        },
        "pkg/run.py",
        "(it may be what loads `pkg.sub.cli`, which this file reads as an attribute on line 4",
        id="submodule-imported-relatively-read-through-an-alias",
    ),
    pytest.param(
        # astroid 3.3.5: tests/test_manager.py loads its data as a syntax tree, by name, and
        # asks it for `var`; a data file importing another is data too.
        {
            "tests/testdata/data/namespace_pep_420/module.py": (
                "from namespace_pep_420.submodule import var\n"
            ),
            "tests/testdata/data/namespace_pep_420/submodule.py": "import os\nvar = 42\n",
            "tests/test_manager.py": (
                "def test_namespace(manager):\n"
                "    module = manager.ast_from_module_name('namespace_pep_420.module')\n"
                "    assert next(module.igetattr('var'))\n"
            ),
        },
        "tests/testdata/data/namespace_pep_420/module.py",
        "is test data: it lies in a folder of test data under tests/",
        id="test-data-loaded-by-name-astroid",
    ),
    pytest.param(
        # astroid's tests/testdata/python3/data/package/__init__.py: not even made explicit.
        {
            "tests/testdata/data/package/__init__.py": "from package import subpackage\n",
            "tests/testdata/data/package/subpackage/__init__.py": "",
            "tests/test_regrtest.py": "NAME = 'package.subpackage'\n",
        },
        "tests/testdata/data/package/__init__.py",
        "is test data: it lies in a folder of test data under tests/",
        id="test-data-package-init",
    ),
    pytest.param(
        {
            "tests/testdata/data/namespace_pep_420/module.py": (
                "from namespace_pep_420.submodule import var\n"
            ),
            "tests/testdata/data/namespace_pep_420/submodule.py": "import os\nvar = 42\n",
        },
        "tests/testdata/data/namespace_pep_420/submodule.py",
        "is test data: it lies in a folder of test data under tests/",
        id="test-data-imported-by-other-test-data",
    ),
    pytest.param(
        # astroid: `"main.py"` (another file's name) made its sub_sub_module/main.py look
        # imported, as `main`'s `py`.
        {
            "tests/regrtest/pkg/main.py": "from os import path\n",
            "tests/test_regrtest.py": "NAME = 'main.py'\n",
        },
        "tests/regrtest/pkg/main.py",
        "is test data: it lies under tests/",
        id="a-file-name-is-no-module-path",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/sub.py": "var = 42\n",
            "pkg/mod.py": "from pkg.sub import var\n",
            "tests/test_dyn.py": (
                "import importlib\n\n\ndef test_loaded():\n"
                "    m = importlib.import_module('pkg.mod')\n    assert m.var == 42\n"
            ),
        },
        "pkg/mod.py",
        "tests/test_dyn.py:6",
        id="module-loaded-by-importlib-then-its-attribute",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/sub.py": "var = 42\n",
            "pkg/mod.py": "from pkg.sub import var\n",
            "tests/test_dyn.py": (
                "def test_loaded():\n    top = __import__('pkg.mod')\n    assert top.mod.var\n"
            ),
        },
        "pkg/mod.py",
        "tests/test_dyn.py:3",
        id="module-loaded-by-__import__-then-its-attribute",
    ),
    pytest.param(
        {
            "tests/__init__.py": "",
            "tests/fixtures.py": "import pytest\n\n@pytest.fixture\ndef db(): return 1\n",
            "tests/test_db.py": (
                "import pytest\nfrom tests.fixtures import db\n\n\n"
                "@pytest.mark.usefixtures('db')\ndef test_query():\n    assert 1\n"
            ),
        },
        "tests/test_db.py",
        "(named by `usefixtures(...)` on line 5: a pytest fixture, asked for by name)",
        id="fixture-named-by-usefixtures",
    ),
    pytest.param(
        # pytest collects what `python_functions` names: any function of a test file may
        # take fixtures (and a helper inside a test, Whoosh's `def avg(a, b)`, is kept too).
        {
            "pytest.ini": "[pytest]\npython_functions = check_*\n",
            "tests/__init__.py": "",
            "tests/helpers.py": "import pytest\n\n@pytest.fixture\ndef db(): return 1\n",
            "tests/test_a.py": "from tests.helpers import db\n\n\ndef check_db(db):\n    assert db\n",
        },
        "tests/test_a.py",
        "(`check_db` takes a parameter of that name: a pytest fixture",
        id="fixture-taken-by-a-function-the-config-collects",
    ),
    pytest.param(
        # A plugin module outside the tests: its fixtures (any `*fixture` decorator) take
        # the fixtures it imports.
        {
            "pkg/__init__.py": "",
            "pkg/fixtures.py": "import pytest\n\n@pytest.fixture\ndef db(): return 1\n",
            "pkg/plugin.py": (
                "import pytest_twisted\nfrom pkg.fixtures import db\n\n\n"
                "@pytest_twisted.async_fixture\nasync def conn(db):\n    return db\n"
            ),
        },
        "pkg/plugin.py",
        "(`conn` takes a parameter of that name: a pytest fixture",
        id="fixture-taken-by-a-plugins-fixture",
    ),
    pytest.param(
        {"tests/sample-tree/box/cat.py": "import gc\n"},
        "tests/sample-tree/box/cat.py",
        "(`tests/sample-tree/box/cat.py` is test data: it lies under tests/, pytest does not",
        id="test-data-file",
    ),
    pytest.param(
        {
            "tests/sample-tree/box/__init__.py": "",
            "tests/sample-tree/box/cat.py": "import gc\n",
            "tests/sample-tree/box/dog.py": "from box import cat\nprint(cat)\n",
        },
        "tests/sample-tree/box/cat.py",
        "(`tests/sample-tree/box/cat.py` is test data",
        id="test-data-package-that-imports-itself",
    ),
    pytest.param(
        # modulegraph-0.19.6: the scripts its tests analyze sit in modulegraph_tests/testpkg-*.
        {"modulegraph_tests/testpkg-regr4/script.py": "import os\nimport sys\nprint(sys)\n"},
        "modulegraph_tests/testpkg-regr4/script.py",
        "is test data: it lies under modulegraph_tests/",
        id="test-data-in-a-folder-named-after-tests",
    ),
    pytest.param(
        # Not even made explicit: the test may compare the text, or the graph it imports.
        {
            "pkg_tests/testpkg-rel/pkg/__init__.py": "from . import mod\n",
            "pkg_tests/testpkg-rel/pkg/mod.py": "",
        },
        "pkg_tests/testpkg-rel/pkg/__init__.py",
        "is test data: it lies under pkg_tests/",
        id="test-data-package-init-left-as-it-is",
    ),
    pytest.param(
        # An import in an `except` handler is looked up like any other (it was not found).
        {
            "pkg/compat.py": "try:\n    import simplejson as json\nexcept Exception:\n    import json\n",
            "pkg/api.py": "from pkg.compat import json\nprint(json)\n",
        },
        "pkg/compat.py",
        "(imported from here by pkg/api.py:1)",
        id="compat-name-bound-in-an-except-handler",
    ),
    pytest.param(
        # Python 2 that Ruff reads as 3.14 (`except A, e:`) and this Python cannot parse.
        {
            "pkg_tests/data-py2/api2.py": "import urllib2\n\ntry:\n    x = 1\nexcept ValueError, exc:\n    pass\n"
        },
        "pkg_tests/data-py2/api2.py",
        "is test data: it lies under pkg_tests/",
        id="test-data-this-python-cannot-parse",
    ),
    pytest.param(
        {
            "pkg/defs.py": "tokens = ('NUMBER',)\n",
            "pkg/lexer.py": "from ply import lex  # noqa: F401\nfrom pkg.defs import tokens\n",
        },
        "pkg/lexer.py",
        "(PLY: PLY's lex() and yacc() read the tokens and rules",
        id="ply-reads-tokens",
    ),
    pytest.param(
        {
            "pkg/plugin.py": "def pytest_addoption(parser): ...\n",
            "conftest.py": "from pkg.plugin import pytest_addoption\n",
        },
        "conftest.py",
        "(pytest: pytest reads hook functions",
        id="pytest-hook-in-conftest",
    ),
    pytest.param(
        {
            "docs/conf.py": "from pkg import __version__ as release\n",
            "pkg/__init__.py": "__version__ = '1'\n",
        },
        "docs/conf.py",
        "(Sphinx: Sphinx reads its configuration values from conf.py's globals)",
        id="sphinx-conf-value",
    ),
    pytest.param(
        {
            "pkg/_utils.py": "from .new import (  # NOQA, pylint: disable=unused-import\n"
            "    NewError)\n",
        },
        "pkg/_utils.py",
        "marks it as unused on purpose",
        id="a-noqa-ruff-does-not-read-tqdm",
    ),
    pytest.param(
        {"pkg/cli.py": "import os  # pylint: disable=unused-import\n"},
        "pkg/cli.py",
        "its comment `# pylint: disable=unused-import` marks it",
        id="pylint-unused-import",
    ),
    pytest.param(
        {
            "pkg/_old.py": "from warnings import warn\n\nfrom .new import NewError\n\n"
            "warn('use pkg.new', DeprecationWarning, stacklevel=2)\n",
        },
        "pkg/_old.py",
        "this module warns when imported (line 5): kept for old import paths",
        id="a-deprecated-module-for-old-import-paths-tqdm",
    ),
    pytest.param(
        {
            "tests/_data/test.py": "import xml.etree  # [unused-import]\n",
            "tests/test_scan.py": "def test_scan():\n    assert open('tests/_data/test.py')\n",
        },
        "tests/_data/test.py",
        "is test data: it lies under tests/",
        id="a-test-py-that-tests-scan-pipreqs",
    ),
    pytest.param(
        {
            "examples/machine/statemachine.py": "import sys\n\n\nclass Importer:\n"
            "    @classmethod\n    def register(cls):\n        sys.path_hooks.append(cls)\n\n\n"
            "grammar = list()\ngrammar.append(1)\nImporter.register()\n",
            "examples/machine/demo.py": "import statemachine\n",
        },
        "examples/machine/demo.py",
        "(importing `statemachine` runs its module-level code "
        "(examples/machine/statemachine.py:12: `Importer.register()`)",
        id="a-module-imported-for-what-it-does-pyparsing",
    ),
    pytest.param(
        {
            "pkg/patches.py": "import json\n\n\ndef fast(*args):\n    return ''\n\n\n"
            "json.dumps = fast\n",
            "pkg/app.py": "import pkg.patches\n",
        },
        "pkg/app.py",
        "(importing `pkg.patches` runs its module-level code (pkg/patches.py:8: "
        "`json.dumps = fast`)",
        id="a-monkey-patching-module",
    ),
    pytest.param(
        {
            "pkg/signals.py": "from django.db.models.signals import post_save\n"
            "from django.dispatch import receiver\n\n\n@receiver(post_save)\n"
            "def on_save(sender, **kwargs):\n    pass\n",
            "pkg/apps.py": "import pkg.signals\n",
        },
        "pkg/apps.py",
        "(importing `pkg.signals` runs its module-level code (pkg/signals.py:5: "
        "`@receiver(post_save)`)",
        id="a-module-of-signal-handlers-registered-by-decorators-django",
    ),
    pytest.param(
        {
            "setup.cfg": "[metadata]\nname = pkg\n\n[flake8]\nper-file-ignores =\n"
            "    src/pkg/__init__.py:F401\n    src/pkg/compat.py: F401, E501\n",
            "src/pkg/compat.py": "from collections import OrderedDict\n",
        },
        "src/pkg/compat.py",
        "kept `collections.OrderedDict` (setup.cfg's [flake8] per-file-ignores turn F401 off "
        "here (`src/pkg/compat.py`): the author's word",
        id="flake8-per-file-ignores-turn-f401-off-requests",
    ),
    pytest.param(
        {
            "setup.cfg": "[metadata]\nname = pkg\n",  # no [flake8]: flake8 reads tox.ini
            "tox.ini": "[flake8]\nper_file_ignores = __init__.py: F4 tests/*: E501\n",
            "pkg/__init__.py": "from pkg.core import Client\n",
            "pkg/core.py": "class Client: ...\n",
        },
        "pkg/__init__.py",
        "(tox.ini's [flake8] per-file-ignores turn F401 off here (`__init__.py`)",
        id="flake8-per-file-ignores-by-name-leave-init-as-it-is",
    ),
    pytest.param(
        {
            "mysite/__init__.py": "",
            "mysite/base.py": "SECRET_KEY = 'x'\n",
            "mysite/local_settings.py": "from mysite.base import SECRET_KEY\n",
            "manage.py": "import os\n\nos.environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings'\n"
            "from django.core.management import execute_from_command_line\n"
            "execute_from_command_line()\n",
        },
        "mysite/local_settings.py",
        "(Django settings: Django reads the upper-case names of a settings module",
        id="an-upper-case-name-in-a-django-settings-file",
    ),
    pytest.param(
        {
            "src/pkg/compat.py": '"""Kept for backwards compatibility."""\n'
            "from collections import OrderedDict\nfrom io import StringIO\n"
            "from urllib.parse import quote, urljoin\n",
            "src/pkg/models.py": "from .compat import quote, urljoin\n\nquote(urljoin('a', 'b'))\n",
        },
        "src/pkg/compat.py",
        "kept `io.StringIO` (this module re-exports imports (2 of its unused ones are reached "
        "through it by other files, as imported from here by src/pkg/models.py:1): the others "
        "may be imported from it by code outside the repository)",
        id="the-rest-of-a-compat-module-whose-names-others-import-requests",
    ),
    pytest.param(
        {
            "pkg/api.py": "from pkg.core import Client\nfrom pkg.core import Session\n"
            "from pkg.errors import Timeout\n",
            "pkg/core.py": "class Client: ...\nclass Session: ...\n",
            "pkg/errors.py": "class Timeout(Exception): ...\n",
            "tests/test_api.py": "from pkg.api import Client, Session\n\nClient, Session\n",
        },
        "pkg/api.py",
        "kept `pkg.errors.Timeout` (this module re-exports imports (2 of its unused ones",
        id="the-rest-of-a-facade-whose-names-others-import",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/signals.py": "from django.dispatch import receiver\n\n\n@receiver(object())\n"
            "def on_save(sender, **kwargs):\n    pass\n",
            "pkg/apps.py": "from . import signals\n",
        },
        "pkg/apps.py",
        "(importing `pkg.signals` runs its module-level code (pkg/signals.py:4: ",
        id="a-module-imported-from-its-package-for-what-it-does",
    ),
    pytest.param(
        {
            "pkg/tasks.py": "from dataclasses import dataclass\n\nfrom pkg.worker import app\n\n\n"
            "@dataclass\nclass Job:\n    name: str\n\n\n@app.task(retries=2)\n"
            "def run(job):\n    return job\n",
            "pkg/worker.py": "app = object()\n",
            "pkg/main.py": "import pkg.tasks\n",
        },
        "pkg/main.py",
        "(pkg/tasks.py:11: `@app.task(retries=2)`)",
        id="tasks-registered-on-an-imported-app-celery",
    ),
]

# (files, file with the import, the fixed file): genuinely unused look-alikes.
REMOVE = [
    pytest.param(
        {"pkg/cli.py": "import os  # noqa: E501\nimport sys\nprint(sys)\n"},
        "pkg/cli.py",
        "import sys\nprint(sys)\n",
        id="a-noqa-for-another-rule",
    ),
    pytest.param(
        {"pkg/cli.py": "import os\nimport warnings\n\n\ndef f():\n    warnings.warn('x')\n"},
        "pkg/cli.py",
        "import warnings\n\n\ndef f():\n    warnings.warn('x')\n",
        id="a-warning-in-a-function-is-no-deprecated-module",
    ),
    pytest.param(
        {
            "examples/machine/helpers.py": "import sys\n\n\ndef helper():\n    return sys\n\n\n"
            "table = dict()\ntable.update(a=1)\n",
            "examples/machine/demo.py": "import helpers\nimport sys\nprint(sys)\n",
        },
        "examples/machine/demo.py",
        "import sys\nprint(sys)\n",
        id="a-module-that-only-defines-and-fills-its-own-objects",
    ),
    pytest.param(
        {
            "examples/shapes.py": "import functools\nfrom dataclasses import dataclass\n\n"
            "HANDLERS = {}\n\n\ndef handler(f):\n    HANDLERS[f.__name__] = f\n    return f\n\n\n"
            "@dataclass(frozen=True)\nclass Point:\n    x: int\n\n    @property\n"
            "    def double(self):\n        return 2 * self.x\n\n\n@functools.cache\n"
            "@handler\ndef origin():\n    return Point(0)\n",
            "examples/demo.py": "import shapes\nimport sys\nprint(sys)\n",
        },
        "examples/demo.py",
        "import sys\nprint(sys)\n",
        id="a-module-whose-decorators-only-wrap-or-fill-its-own-objects",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/helpers.py": "import sys\n\n\ndef helper():\n    return sys\n",
            "pkg/app.py": "from pkg import helpers\nfrom . import helpers as h\nimport sys\nprint(sys)\n",
        },
        "pkg/app.py",
        "import sys\nprint(sys)\n",
        id="a-module-imported-from-its-package-that-only-defines",
    ),
    pytest.param(
        {
            "pkg/util.py": "import os\nimport re\nfrom shlex import quote\n",
            "tests/test_util.py": "from pkg.util import quote\n\nquote('x')\n",
        },
        "pkg/util.py",
        # One name others import, in a module not named for compatibility: no facade.
        "from shlex import quote\n",
        id="a-module-with-one-name-others-import-is-no-facade",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/consts.py": "SHEETRANGE_RE = 1\n",
            "pkg/print_settings.py": "from pkg.consts import SHEETRANGE_RE\nimport sys\nprint(sys)\n",
        },
        "pkg/print_settings.py",
        # A `*_settings.py` in a repository that never mentions Django (openpyxl's).
        "import sys\nprint(sys)\n",
        id="a-settings-file-name-without-django-openpyxl",
    ),
    pytest.param(
        {
            "examples/machine/statemachine.py": "import sys\n\nsys.path_hooks.append(None)\n"
            "grammar = 1\n",
            # Its other import is unused too and goes: the acting module's own import stays.
            "examples/machine/demo.py": "import statemachine\nfrom statemachine import grammar\n",
        },
        "examples/machine/demo.py",
        "import statemachine\n",
        id="a-module-imported-for-what-it-does-beside-an-unused-from-import",
    ),
    pytest.param(
        {
            "examples/machine/statemachine.py": "import sys\n\nsys.path_hooks.append(None)\n"
            "grammar = 1\n",
            "examples/machine/demo.py": "import statemachine\nfrom statemachine import *\n\n"
            "print(grammar)\n",
        },
        "examples/machine/demo.py",
        # The star import imports it anyway (mpmath's tests: `import mpmath` beside it).
        "from statemachine import *\n\nprint(grammar)\n",
        id="a-module-that-acts-but-is-imported-anyway-mpmath",
    ),
    pytest.param(
        {
            "tests/test_examples.py": "from not_installed_anywhere import examples, weights\n\n"
            "weights()\n"
        },
        "tests/test_examples.py",
        # The statement stays for `weights`: the missing module is imported (or not) anyway.
        "from not_installed_anywhere import weights\n\nweights()\n",
        id="a-missing-module-imported-anyway-by-the-names-used-libpysal",
    ),
    pytest.param(
        {
            **MARKER,
            "tests/test_marker.py": "from pkg.marker import Marker\n\nMarker()\n",
        },
        "pkg/error_bar.py",
        # marker.py star-imports it for ErrorBar and passes Float to no one (openpyxl's).
        "from pkg.descriptors import Set\n\n\nclass ErrorBar:\n    x = Set()\n",
        id="a-star-import-that-passes-the-name-to-no-one-openpyxl",
    ),
    pytest.param(
        {
            "setup.cfg": "[flake8]\nper-file-ignores =\n    src/pkg/compat.py:F401\n"
            "    src/pkg/cli.py:E501,F841\n",
            ".flake8": "[flake8]\nper-file-ignores = src/pkg/util.py:F401\n",  # not read
            "src/pkg/compat.py": "import os\n",
            "src/pkg/cli.py": "import os\nimport sys\nprint(sys)\n",
        },
        "src/pkg/cli.py",
        "import sys\nprint(sys)\n",
        id="flake8-per-file-ignores-for-other-codes-and-files",
    ),
    pytest.param(
        {
            "pkg/compat.py": "try:\n    import simplejson as json\nexcept Exception:\n    import json\n",
            "pkg/api.py": "import json\nprint(json)\n",
        },
        "pkg/compat.py",
        # The `try` body's import stays (whether it imports may be what it checks).
        "try:\n    import simplejson as json\nexcept Exception:\n    pass\n",
        id="compat-name-in-an-except-handler-that-nothing-imports",
    ),
    pytest.param(
        {
            "tests/__init__.py": "",
            "tests/data/__init__.py": "",
            "tests/data/helpers.py": "import gc\nx = 1\n",
            "tests/test_a.py": "from tests.data.helpers import x\nprint(x)\n",
        },
        "tests/data/helpers.py",
        "x = 1\n",
        id="a-helper-in-a-data-folder-a-test-imports",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/sub.py": "var = 42\n",
            "pkg/mod.py": "from pkg.sub import var\nother = 1\n",
            "tests/test_dyn.py": (
                "import importlib\n\n\ndef test_loaded():\n"
                "    m = importlib.import_module('pkg.mod')\n    assert m.other\n"
            ),
        },
        "pkg/mod.py",
        "other = 1\n",
        id="module-loaded-by-importlib-for-another-name",
    ),
    pytest.param(
        # Whoosh 2.7.4: docs/source/quickstart.rst star-imports whoosh.fields in an example.
        {
            "pkg/__init__.py": "",
            "pkg/fields.py": "from struct import pack as unpack_byte\nSCHEMA = 1\n",
            "docs/quickstart.rst": "Start::\n\n    >>> from pkg.fields import *\n    >>> SCHEMA\n    1\n",
        },
        "pkg/fields.py",
        "SCHEMA = 1\n",
        id="a-document-star-importing-passes-nothing-on",
    ),
    pytest.param(
        {
            "pkg/__init__.py": "",
            "pkg/cli.py": "def main():\n    return 42\n",
            "pkg/other.py": "VALUE = 1\n",
            "tests/test_cli.py": (
                "import pkg\nfrom pkg import cli\n\n\ndef test_main():\n"
                "    assert pkg.other.VALUE\n"
            ),
        },
        "tests/test_cli.py",
        "import pkg\n\n\ndef test_main():\n    assert pkg.other.VALUE\n",
        id="submodule-whose-attribute-nothing-reads",
    ),
    pytest.param(
        # construct 2.10.70: `import cryptography` in a method is no name `import *` passes on.
        {
            "pkg/__init__.py": "from pkg.core import *\n",
            "pkg/core.py": (
                "class Thing:\n    def __init__(self):\n        import json\n        self.x = 1\n"
            ),
            "tests/test_core.py": "from pkg import json\n\nprint(json)\n",
        },
        "pkg/core.py",
        "class Thing:\n    def __init__(self):\n        self.x = 1\n",
        id="a-functions-own-import-no-other-file-reaches",
    ),
    pytest.param(
        {
            "pkg/a/imports.py": "import pickle\nx = 1\n",
            "pkg/b/imports.py": "y = 2\n",
            "tests/test_scan.py": "PATH = 'b/imports.py'\n",
        },
        "pkg/a/imports.py",
        "x = 1\n",
        id="a-string-naming-another-file-of-that-name",
    ),
    pytest.param(
        # pycparser 2.22's setup.py runs _build_tables.py; running a script reads no source.
        {
            "setup.py": "import subprocess\nsubprocess.check_call(['python', '_build_tables.py'])\n",
            "_build_tables.py": "import os\nimport sys\n\nprint(sys.argv)\n",
        },
        "_build_tables.py",
        "import sys\n\nprint(sys.argv)\n",
        id="a-script-setup-py-runs",
    ),
    pytest.param(
        # Paste 3.10.1's paste/debug/prints.py: a method's parameter `html`, no fixture.
        {"pkg/prints.py": "import html\n\n\ndef add_log(self, html, log):\n    return html\n"},
        "pkg/prints.py",
        "\n\ndef add_log(self, html, log):\n    return html\n",
        id="a-library-function-parameter-is-no-fixture",
    ),
    pytest.param(
        {"modulegraph_tests/test_basic.py": "import os\nimport sys\n\nprint(sys)\n"},
        "modulegraph_tests/test_basic.py",
        "import sys\n\nprint(sys)\n",
        id="a-test-in-a-folder-named-after-tests",
    ),
    pytest.param(
        {
            "pkg_tests/__init__.py": "",
            "pkg_tests/helpers.py": "import os\nimport sys\nprint(sys)\n",
            "pkg_tests/test_x.py": "from pkg_tests.helpers import sys\n",
        },
        "pkg_tests/helpers.py",
        "import sys\nprint(sys)\n",
        id="a-helper-a-test-imports-in-a-folder-named-after-tests",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT + "x = 1\n",
            "tests/test_cli.py": "from pkg.compat import x\nprint(x)\n",
        },
        "pkg/compat.py",
        "x = 1\n",
        id="compat-name-nothing-imports",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT + "x = 1\n",
            "tests/test_cli.py": "from pkg.compat import shell_quote\n",
        },
        "pkg/compat.py",
        "x = 1\n",
        id="compat-name-only-an-unused-import-imports",
    ),
    pytest.param(
        {
            "pkg/errors.py": "from .new import NewError as OldError\nclass E(Exception): ...\n",
            "pkg/api.py": "from .errors import E\nraise E\n",
        },
        "pkg/errors.py",
        "class E(Exception): ...\n",
        id="alias-nothing-imports",
    ),
    pytest.param(
        {
            "pkg/compat.py": COMPAT + "x = 1\n",
            "other/compat.py": "y = 1\n",
            "tests/test_a.py": "from other import compat\ncompat.shell_quote('x')\n",
        },
        "pkg/compat.py",
        "x = 1\n",
        id="attribute-of-a-module-of-the-same-name-elsewhere",
    ),
    pytest.param(
        {
            "pkg/compat.py": "__all__ = ['x']\n" + COMPAT + "x = 1\n",
            "pkg/everything.py": "from pkg.compat import *\n",
        },
        "pkg/compat.py",
        "__all__ = ['x']\nx = 1\n",
        id="star-import-of-a-module-with-__all__",
    ),
    pytest.param(
        {
            "tests/__init__.py": "",
            "tests/fixtures.py": "import pytest\n\n@pytest.fixture\ndef db(): return 1\n",
            "tests/conftest.py": "from tests.fixtures import db\nx = 1\n",
            "tests/test_db.py": "def test_db(other):\n    assert other\n",
        },
        "tests/conftest.py",
        "x = 1\n",
        id="conftest-import-no-test-takes",
    ),
    pytest.param(
        {"pkg/fmt.py": '"""Pretty.\n\n>>> print([1])\n[1]\n"""\nfrom pprint import pformat\n'},
        "pkg/fmt.py",
        '"""Pretty.\n\n>>> print([1])\n[1]\n"""\n',
        id="doctest-uses-another-name",
    ),
    pytest.param(
        {"tests/test_old.py": "import pkg.new\n\n\ndef test_x():\n    assert 1\n"},
        "tests/test_old.py",
        "\n\ndef test_x():\n    assert 1\n",
        id="module-level-import-in-a-test-file",
    ),
    pytest.param(
        {"pkg/util.py": "import json\nf = lambda: 1\nx = 1 if f else 2\n"},
        "pkg/util.py",
        "f = lambda: 1\nx = 1 if f else 2\n",
        id="lambda-and-conditional-bodies-are-no-docstrings",
    ),
    pytest.param(
        {"pkg/util.py": "def helper():\n    import json\n    return 1\n"},
        "pkg/util.py",
        "def helper():\n    return 1\n",
        id="import-in-a-helper-function",
    ),
    pytest.param(
        {"scripts/fine.py": "import json\nimport pkg.new\nx = 1\n"},
        "scripts/fine.py",
        "x = 1\n",
        id="modules-that-exist",
    ),
    pytest.param(
        {
            "tests/helpers.py": "import gc\nx = 1\n",
            "tests/test_a.py": "from helpers import x\nprint(x)\n",
        },
        "tests/helpers.py",
        "x = 1\n",
        id="test-helper-a-test-imports",
    ),
    pytest.param(
        {
            "pkg/defs.py": "tokens = ('NUMBER',)\n",
            "pkg/lexer.py": "from pkg.defs import tokens\nx = 1\n",
        },
        "pkg/lexer.py",
        "x = 1\n",
        id="tokens-without-ply",
    ),
    pytest.param(
        {
            "pkg/plugin.py": "def pytest_addoption(parser): ...\n",
            "pkg/use.py": "from pkg.plugin import pytest_addoption\nx = 1\n",
        },
        "pkg/use.py",
        "x = 1\n",
        id="pytest-hook-name-outside-conftest",
    ),
]


def _repository(tmp_path: Path, files: dict[str, str]) -> None:
    write_files(tmp_path, {**BASE, **files})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)


@pytest.mark.parametrize(("files", "target", "reason"), KEEP)
def test_kept_with_its_reason(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    target: str,
    reason: str,
) -> None:
    _repository(tmp_path, files)
    result = run_fix(tmp_path, capsys, "--show-kept", ".")
    assert (tmp_path / target).read_text() == files[target], result.err
    assert reason in result.err, result.err
    again = run_fix(tmp_path, capsys, ".")
    assert again.code == 0, again.err


@pytest.mark.parametrize(("files", "target", "fixed"), REMOVE)
def test_genuinely_unused_look_alikes_go(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    target: str,
    fixed: str,
) -> None:
    _repository(tmp_path, files)
    result = run_fix(tmp_path, capsys, ".")
    assert result.code == 1, result.err
    assert (tmp_path / target).read_text() == fixed, result.err
    again = run_fix(tmp_path, capsys, ".")
    assert again.code == 0, again.err


def test_the_hook_given_one_file_asks_the_whole_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pre-commit passes only the changed file; the test that imports from it is not passed.
    files = {
        "pkg/compat.py": COMPAT + "import os\n",
        "tests/test_cli.py": "from pkg.compat import shell_quote\nshell_quote('x')\n",
    }
    _repository(tmp_path, files)
    result = run_fix(tmp_path, capsys, "--show-kept", "pkg/compat.py")
    assert (tmp_path / "pkg/compat.py").read_text() == COMPAT, result.err
    assert "(imported from here by tests/test_cli.py:1)" in result.err


def test_unsafe_removes_blocks_and_missing_modules_but_never_a_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "pkg/compat.py": COMPAT,
        "tests/test_cli.py": "from pkg.compat import shell_quote\nshell_quote('x')\n",
        "tests/data/broken.py": "import not_installed_anywhere\n",
        "tests/test_old.py": "import pytest\n\n\ndef test_deprecated():\n"
        "    with pytest.warns(DeprecationWarning):\n        import pkg.new\n",
    }
    _repository(tmp_path, files)
    result = run_fix(tmp_path, capsys, "--unsafe", ".")
    assert result.code == 1, result.err
    assert (tmp_path / "pkg/compat.py").read_text() == COMPAT
    assert (tmp_path / "tests/data/broken.py").read_text() == ""
    assert "import pkg.new" not in (tmp_path / "tests/test_old.py").read_text()
    assert "removed `not_installed_anywhere` (--unsafe; kept by default:" in result.err


def test_outside_git_the_folder_with_pyproject_is_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_files(
        tmp_path,
        {
            **BASE,
            "pyproject.toml": "[project]\nname = 'pkg'\n",
            "pkg/compat.py": COMPAT,
            "tests/test_cli.py": "from pkg.compat import shell_quote\nshell_quote('x')\n",
            ".venv/lib/python3.11/site-packages/x/mod.py": "from pkg.compat import shell_quote\n",
        },
    )
    result = run_fix(tmp_path / "pkg", capsys, "--show-kept", "compat.py")
    assert "(imported from here by tests/test_cli.py:1)" in result.err, result.err


def test_the_parsed_facts_are_cached_in_ruffs_cache_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = {
        "pkg/compat.py": COMPAT,
        "tests/test_cli.py": "from pkg.compat import shell_quote\nshell_quote('x')\n",
    }
    _repository(tmp_path, files)
    run_fix(tmp_path, capsys, ".")
    assert not (tmp_path / ".ruff_cache").exists(), "a fix alone makes no cache folder"
    write_files(tmp_path, {".ruff_cache/.gitignore": "*\n"})
    run_fix(tmp_path, capsys, ".")
    entries = list((tmp_path / ".ruff_cache/adopt-fast").rglob("*.marshal"))
    assert entries, "the facts of tests/test_cli.py are cached"
    # A changed file is parsed again: the cached facts of the old text do not keep the import.
    (tmp_path / "tests/test_cli.py").write_text("print('no import any more, a longer text')\n")
    result = run_fix(tmp_path, capsys, ".")
    assert (tmp_path / "pkg/compat.py").read_text() == "", result.err


def test_a_script_without_a_suffix_is_no_module_others_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # modulegraph-0.19.6's testdata/script, which its tests analyze (pre-commit passes such a
    # file for its shebang; Ruff walking a folder does not). A string "script.py" in a test is
    # no import of it, and no import can find a file without a Python suffix.
    data = "#!/usr/bin/python\nimport sys, os\n\nprint(sys.version)\n"
    tool = "#!/usr/bin/env python\nimport os\nimport sys\n\nprint(sys.argv)\n"
    _repository(
        tmp_path,
        {
            "pkg_tests/testdata/script": data,
            "pkg_tests/test_run.py": "SCRIPT = 'script.py'\n",
            "bin/tool": tool,
        },
    )
    result = run_fix(tmp_path, capsys, "--show-kept", "pkg_tests/testdata/script", "bin/tool")
    assert (tmp_path / "pkg_tests/testdata/script").read_text() == data, result.err
    assert "is test data: it lies in a folder of test data under pkg_tests/" in result.err, (
        result.err
    )
    # The look-alike outside any test folder: an unused import in a script goes.
    assert (
        tmp_path / "bin/tool"
    ).read_text() == "#!/usr/bin/env python\nimport sys\n\nprint(sys.argv)\n"


def test_framework_file_patterns_match_as_fnmatch_does() -> None:
    """The framework entries' file patterns are matched without compiling a regex (fnmatch's
    costs the hook a few ms); they match exactly what fnmatch matches, at any depth."""
    import fnmatch
    import itertools

    from adopt_fast.imports.framework_globals import FRAMEWORKS
    from adopt_fast.imports.frameworks import _matches

    patterns = {p for entry in FRAMEWORKS for p in entry.get("files", ())}
    patterns |= {"a*", "*b.py", "*", "x/*/y.py", "settings_?.py", "[st]asks.py"}
    parts = ["settings", "_", "x", "y", "/", ".py", "conf", "tasks", "dodo", "a", "b", "s"]
    checked = 0
    for size in range(5):
        for chosen in itertools.product(parts, repeat=size):
            relative = "".join(chosen)
            for pattern in patterns:
                expected = fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(
                    relative, f"*/{pattern}"
                )
                assert _matches(relative, pattern) is expected, (relative, pattern)
                checked += expected
    assert checked > 1000, "the paths tried match some patterns"


def test_the_tree_walk_is_ast_walk_in_a_list() -> None:
    """`facts.walk` gives the nodes `ast.walk` gives, in its order: on this project's own
    modules and on syntax they lack (match, except*, type parameters where this Python has
    them, f-strings, walrus, decorators)."""
    import ast
    import sys

    from adopt_fast.imports.facts import walk

    package = Path(__file__).resolve().parents[1] / "src" / "adopt_fast"
    sources = [p.read_text() for p in sorted(package.rglob("*.py"))]
    sources.append(
        "match x:\n    case [a, *b] if a: pass\n    case {'k': v, **rest}: pass\n"
        "try:\n    pass\nexcept* ValueError:\n    pass\n"
        "@dec(1)\nasync def f(a, /, b=2, *c, d, **e):\n    await g(f'{a!r:>{b}}', (y := 3))\n"
    )
    if sys.version_info >= (3, 12):
        sources.append("type Pair[T] = tuple[T, T]\nclass C[T]: pass\n")
    for source in sources:
        tree = ast.parse(source)
        assert walk(tree) == list(ast.walk(tree))


def test_long_chains_of_imports_and_star_imports_are_followed_without_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only star imports are followed, each file once and 20 in a row at most (kept beyond):
    a chain of 900 modules each importing the one before (Django's tree is denser) took the
    fix into a RecursionError when every file mentioning a module was followed."""
    files = {"pkg/__init__.py": "", "pkg/m0.py": "import os\nfrom shlex import quote\n"}
    files.update(
        {f"pkg/m{i}.py": f"import pkg.m{i - 1}\n\nm = pkg.m{i - 1}\n" for i in range(1, 900)}
    )
    files.update(
        {f"pkg/s{i}.py": f"from pkg.s{i - 1} import *\n\nX{i} = 1\n" for i in range(1, 30)}
    )
    files["pkg/s0.py"] = "from shlex import quote\n\nX0 = 1\n"
    files["tests/test_s.py"] = "from pkg.s29 import quote\n\nquote('x')\n"
    _repository(tmp_path, files)
    chained = run_fix(tmp_path, capsys, "pkg/m0.py")
    assert chained.code == 1, chained.err
    assert (tmp_path / "pkg/m0.py").read_text() == "", chained.err
    result = run_fix(tmp_path, capsys, "--show-kept", "pkg/s0.py")
    assert result.code == 0, result.err
    assert (tmp_path / "pkg/s0.py").read_text() == files["pkg/s0.py"], result.err
    assert "pkg/s0.py:1:19: kept `shlex.quote` (star-imported from here by pkg/s1.py:1)" in (
        result.err
    )
