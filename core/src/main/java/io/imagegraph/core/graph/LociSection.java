package io.imagegraph.core.graph;

/**
 * The {@code loci} section of the graph file: how images with {@code builder: loci} build. Each
 * is built from LOCI's Dockerfile in {@code context} with the build args {@code FROM} (the base
 * image, a graph image pinned to what the run built, or an external reference) and
 * {@code WHEELS} (the wheels image, a graph image pinned the same way — it is a parent of every
 * other LOCI image, so the scheduler builds it first — or a tarball path or URL), besides the
 * image's own build args ({@code PROJECT}, {@code PROJECT_REF}, {@code PROFILES}, …).
 *
 * @param context the LOCI checkout (or a LOCI-compatible context), relative to the graph root; or
 *                the git URL of LOCI, checked out at {@code ref}
 * @param ref     with a git URL: the commit to check out (a full SHA, so that it cannot move)
 * @param base    the image LOCI images are built FROM
 * @param wheels  the image (or tarball) LOCI images install their Python wheels from
 */
public record LociSection(String context, String ref, String base, String wheels) {

    private static final java.util.regex.Pattern GIT_URL =
            java.util.regex.Pattern.compile("(https?|ssh|git|file)://.+|git@.+|.+\\.git");

    public LociSection {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("loci needs 'context': the path of a LOCI checkout under the graph root,"
                    + " or LOCI's git URL with 'ref'");
        }
        if (GIT_URL.matcher(context).matches() && (ref == null || !ref.matches("[0-9a-f]{40}"))) {
            throw new IllegalArgumentException("loci.context is a git URL, so loci.ref must pin the commit to build"
                    + " with: its full 40-character SHA" + (ref == null ? "" : ", not '" + ref + "'"));
        }
    }

    /** True when {@code context} is a git URL to check out at {@code ref}, not a folder. */
    public boolean isGitUrl() {
        return GIT_URL.matcher(context).matches();
    }

    /** The same settings with the context a local folder (the checkout of a git URL). */
    LociSection withContext(String folder) {
        return new LociSection(folder, null, base, wheels);
    }

    /** True when {@code wheels} names an image of the graph rather than a reference, path or URL. */
    boolean wheelsIsGraphImage() {
        return wheels != null && wheels.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    }
}
