#!/bin/sh
# Stands in for LOCI's requirements.sh: where LOCI builds every wheel of openstack/requirements
# into WHEELS_PATH, this writes one manifest there. set -u makes a build arg of `common` that did
# not reach this stage fail the build, as it does LOCI's scripts.
set -eu
: "$PIP_VERSION_CONSTRAINT"
mkdir -p "$WHEELS_PATH"
printf 'wheels of openstack/requirements %s\n' "$PROJECT_REF" > "$WHEELS_PATH/manifest.txt"
. /opt/loci/scripts/record-build-args.sh
