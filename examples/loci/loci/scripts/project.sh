#!/bin/sh
# Stands in for LOCI's project.sh: where LOCI pip-installs PROJECT from the wheels the WHEELS image
# holds (bind-mounted at /wheels), this checks that they are there and records what it was given.
set -eu
: "$PIP_VERSION_CONSTRAINT"
if [ ! -f /wheels/manifest.txt ]; then
  echo "project.sh: no wheels under /wheels: the WHEELS image ($WHEELS) was not mounted by RUN --mount=type=bind,from=wheels (BuildKit only)" >&2
  exit 1
fi
. /opt/loci/scripts/record-build-args.sh
cp /wheels/manifest.txt /opt/loci/wheels-used
