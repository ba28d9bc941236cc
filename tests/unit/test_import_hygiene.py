"""What importing the core loads: no interface library and no model library. A contract cannot
tell an import at module scope from a deferred one; this looks at sys.modules in a fresh
interpreter after importing every module of the core and the reports."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("textual", "rich", "torch", "sentence_transformers", "transformers")

#: The one module that is the model itself (a torch module), imported only when it is loaded.
MODEL_MODULE = "claimcheck.core.embed.use_module"

SCRIPT = f"""
import importlib, pkgutil, sys
import claimcheck.core, claimcheck.report
for package in (claimcheck.core, claimcheck.report):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name != {MODEL_MODULE!r}:
            importlib.import_module(info.name)
print(" ".join(sorted({{m.split(".")[0] for m in sys.modules}} & set(sys.argv[1:]))))
"""


def test_importing_the_core_and_the_reports_loads_no_ui_or_model_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *HEAVY], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
