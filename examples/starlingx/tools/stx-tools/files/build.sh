#!/bin/sh
# Stands in for StarlingX's stx-tools build script (BUILDER=script): builds the image from the
# Dockerfile beside it with the Docker Engine that DOCKER_HOST names, tagged and labelled as
# image-graph asks, and writes the image ID where image-graph reads it (see docs/graph-file.md,
# builder: script).
set -eu
echo "building $IMAGEGRAPH_IMAGE with $*"
files="$(cd "$(dirname "$0")" && pwd)"
set --
for tag in $IMAGEGRAPH_TAGS; do
  set -- "$@" --tag "$tag"
done
while IFS= read -r label; do
  [ -z "$label" ] || set -- "$@" --label "$label"
done <<LABELS
$IMAGEGRAPH_LABELS
LABELS
exec docker build --iidfile "$IMAGEGRAPH_IMAGE_ID_FILE" "$@" "$files"
