"""Build step: ship the report's notebooks inside the package.

The notebooks stay at the top of the repository (``notebooks/``), where users open them in
JupyterLab; a wheel carries copies of them in ``analysis/report/notebooks/``, where
``python -m analysis report`` finds them once the package is installed (see
``analysis/report/manifest.py``).  Everything else is configured in ``pyproject.toml``.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"


class BuildWithNotebooks(build_py):
    """``build_py`` that also copies ``notebooks/NN_*.ipynb`` into the built package."""

    def run(self):
        super().run()
        if self.editable_mode:  # an editable install reads the repository's notebooks/ itself
            return
        target = Path(self.build_lib) / "analysis" / "report" / "notebooks"
        self.mkpath(str(target))
        for notebook in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
            self.copy_file(str(notebook), str(target / notebook.name))


setup(cmdclass={"build_py": BuildWithNotebooks})
