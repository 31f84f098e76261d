"""Modules that do their work when they are imported, each with what it does.

An `import` of one of them that looks unused is kept by `adopt-fast fix` (and removed only with --unsafe, which says so).
A module listed here covers its submodules. Add your own registration modules (signal
handlers, plugin registries) to Ruff's `lint.pyflakes.allowed-unused-imports`: Ruff then
does not report them at all, and adopt-fast leaves them alone even with --unsafe.

Data, kept as a Python module rather than TOML: the fix hook reads it on every commit that
removes an import, and importing `tomllib` to read it would cost more than the lookup."""

MODULES: dict[str, str] = {
    "readline": "enables line editing and history for input() and the interactive prompt",
    "rlcompleter": "installs tab completion in the interactive prompt",
    "gnureadline": "the GNU readline drop-in: enables line editing for input()",
    "antigravity": "opens a web browser when imported",
    "this": "prints the Zen of Python when imported",
    "__hello__": "prints a greeting when imported",
    "__phello__": "prints a greeting when imported",
    "_strptime": "imported up front to avoid a deadlock of time.strptime in threads (CPython bpo-7980)",
    "encodings.idna": "registers the idna codec up front so threads do not race to import it",
    "setuptools": "patches distutils when imported (needed before `from distutils... import`)",
    "mpl_toolkits.mplot3d": "registers Matplotlib's '3d' projection when imported",
    "ddtrace.auto": "instruments the process (tracing) when imported",
    "hvplot.pandas": "registers the `.hvplot` accessor on pandas objects",
    "hvplot.xarray": "registers the `.hvplot` accessor on xarray objects",
    "cf_xarray": "registers the `.cf` accessor on xarray objects",
    "rioxarray": "registers the `.rio` accessor on xarray objects",
    "pint_xarray": "registers the `.pint` accessor on xarray objects",
}
