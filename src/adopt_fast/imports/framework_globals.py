"""Names that a framework reads from a module's globals at run time, each entry with a reason.

An import binding one of them looks unused to Ruff but is not: `adopt-fast fix` keeps it (and removes it only
with --unsafe, which says so). An entry applies to a module when its file is named as in
`files`, or when the module imports one of `imports` (or a submodule of one), and, with
`requires`, only in a repository where some file mentions one of those words (Django's
settings file patterns are no evidence in a project that never names Django); it covers the
names in `names`, the names starting with one of `prefixes`, and those matching `pattern`.
Protect your own framework's names with Ruff's `lint.pyflakes.allowed-unused-imports`.

Data, kept as a Python module rather than TOML: the fix hook reads it on every commit that
removes an import, and importing `tomllib` to read it would cost more than the lookup."""

FRAMEWORKS: list[dict[str, str | list[str]]] = [
    {
        "name": "PLY",
        "imports": ["ply"],
        "names": ["tokens", "literals", "precedence", "start", "states", "reserved"],
        "prefixes": ["t_", "p_"],
        "reason": "PLY's lex() and yacc() read the tokens and rules from the calling module's globals",
    },
    {
        "name": "pytest",
        "files": ["conftest.py"],
        "names": ["pytest_plugins", "collect_ignore", "collect_ignore_glob"],
        "prefixes": ["pytest_"],
        "reason": "pytest reads hook functions and `pytest_plugins` from conftest.py's globals",
    },
    {
        "name": "Sphinx",
        "files": ["conf.py"],
        "names": [
            "project",
            "copyright",
            "author",
            "version",
            "release",
            "extensions",
            "templates_path",
            "exclude_patterns",
            "master_doc",
            "root_doc",
            "language",
            "pygments_style",
            "source_suffix",
            "nitpicky",
            "nitpick_ignore",
            "rst_prolog",
            "rst_epilog",
            "today_fmt",
            "setup",
        ],
        "prefixes": [
            "html_",
            "latex_",
            "man_",
            "texinfo_",
            "epub_",
            "autodoc_",
            "autosummary_",
            "napoleon_",
            "intersphinx_",
            "todo_",
            "linkcheck_",
            "numfig",
            "smartquotes",
            "primary_domain",
        ],
        "reason": "Sphinx reads its configuration values from conf.py's globals",
    },
    {
        "name": "Django settings",
        "files": ["settings.py", "settings_*.py", "*_settings.py", "settings/*.py"],
        "requires": ["django"],
        "pattern": "^[A-Z][A-Z0-9_]*$",
        "reason": "Django reads the upper-case names of a settings module as its settings",
    },
    {
        "name": "doit",
        "files": ["dodo.py"],
        "names": ["DOIT_CONFIG"],
        "prefixes": ["task_"],
        "reason": "doit collects `task_*` functions and DOIT_CONFIG from dodo.py's globals",
    },
    {
        "name": "Invoke",
        "files": ["tasks.py"],
        "imports": ["invoke"],
        "pattern": ".",
        "reason": "Invoke collects the tasks found in tasks.py's globals, imported ones included",
    },
    {
        "name": "Fabric",
        "files": ["fabfile.py"],
        "pattern": ".",
        "reason": "Fabric collects the tasks found in fabfile.py's globals, imported ones included",
    },
]
