#!/bin/sh
# Debian's python3-pytest and python3-coverage (apt-get install python3-pytest python3-coverage).
set -u
cd "$(dirname "$0")"
/usr/bin/python3 -m coverage run --branch --source=inventory -m pytest --junitxml=out/pytest-junit.xml tests
/usr/bin/python3 -m coverage xml -o out/coverage.xml
