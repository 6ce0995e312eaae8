"""Computes the package list: every folder with an __init__.py under the
repository root becomes `stratus.<folder>` (pyproject maps stratus -> .)."""
from setuptools import find_packages, setup

_SKIP = ["tests", "tests.*", "bench", "bench.*", "devstack", "devstack.*",
         "build", "build.*", "etc", "etc.*"]
setup(packages=["stratus"] + ["stratus." + p for p in
                              find_packages(".", exclude=_SKIP)])
