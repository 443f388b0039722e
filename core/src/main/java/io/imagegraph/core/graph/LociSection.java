package io.imagegraph.core.graph;

/**
 * The {@code loci} section of the graph file: how images with {@code builder: loci} build. Each
 * is built from LOCI's Dockerfile in {@code context} with the build args {@code FROM} (the base
 * image, a graph image pinned to what the run built, or an external reference) and
 * {@code WHEELS} (the wheels image, a graph image pinned the same way — it is a parent of every
 * other LOCI image, so the scheduler builds it first — or a tarball path or URL), besides the
 * image's own build args ({@code PROJECT}, {@code PROJECT_REF}, {@code PROFILES}, …).
 *
 * @param context the LOCI checkout (or a LOCI-compatible context), relative to the graph root
 * @param base    the image LOCI images are built FROM
 * @param wheels  the image (or tarball) LOCI images install their Python wheels from
 */
public record LociSection(String context, String base, String wheels) {

    public LociSection {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("loci needs 'context': the path of a LOCI checkout under the graph root");
        }
    }

    /** True when {@code wheels} names an image of the graph rather than a reference, path or URL. */
    boolean wheelsIsGraphImage() {
        return wheels != null && wheels.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    }
}
