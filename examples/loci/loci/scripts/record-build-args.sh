# Sourced by the stand-in's scripts: writes the build args a stage was given to /opt/loci/build-args.
mkdir -p /opt/loci
printf 'PROJECT=%s\nPROJECT_REPO=%s\nPROJECT_REF=%s\nWHEELS=%s\nPROFILES=%s\nPIP_PACKAGES=%s\nDIST_PACKAGES=%s\nKEEP_ALL_WHEELS=%s\nUID=%s\nGID=%s\n' \
  "$PROJECT" "$PROJECT_REPO" "$PROJECT_REF" "$WHEELS" "$PROFILES" "$PIP_PACKAGES" "$DIST_PACKAGES" \
  "$KEEP_ALL_WHEELS" "$UID" "$GID" > /opt/loci/build-args
