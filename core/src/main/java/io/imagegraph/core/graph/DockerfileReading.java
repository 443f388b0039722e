package io.imagegraph.core.graph;

import io.imagegraph.core.dockerfile.DockerfileDependencies;
import io.imagegraph.core.dockerfile.DockerfileParser;
import io.imagegraph.core.dockerfile.DockerfileSyntaxException;
import io.imagegraph.core.dockerfile.ParsedDockerfile;
import io.imagegraph.core.files.InputFile;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one image's Dockerfile into its dependencies, or into the problem that prevents it. The
 * file is read only when it is a regular file of at most {@link #SIZE_LIMIT} bytes under the graph
 * root (see {@link InputFile}); bytes that are not UTF-8 are read as BuildKit reads them, without
 * complaint, so a Latin-1 comment is no error.
 */
final class DockerfileReading {

    /** The largest Dockerfile read: 10 MiB. */
    static final long SIZE_LIMIT = 10L << 20;

    /** Either the dependencies (and the digest of the bytes they were read from) or the problem. */
    record Outcome(Optional<DockerfileDependencies> dependencies, Optional<Digest> digest, Optional<GraphProblem> problem) {
    }

    private DockerfileReading() {
    }

    static Outcome read(Path root, ImageSpec spec, String platform) {
        String path = spec.dockerfile().orElseThrow();
        String image = spec.name();
        String content;
        Digest digest;
        try {
            byte[] bytes = InputFile.read(root, root.resolve(path), SIZE_LIMIT, "the Dockerfile");
            digest = Digest.sha256(bytes);
            content = new String(bytes, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return problem(GraphProblem.Kind.UNREADABLE_DOCKERFILE, image, path,
                    "image '" + image + "' has no Dockerfile here; create it or set 'dockerfile' in the graph file");
        } catch (InputFile.RefusedException e) {
            return problem(GraphProblem.Kind.UNREADABLE_DOCKERFILE, image, path, e.getMessage());
        } catch (IOException e) {
            return problem(GraphProblem.Kind.UNREADABLE_DOCKERFILE, image, path,
                    "the Dockerfile cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                            + "); check that it is a readable file");
        }
        try {
            ParsedDockerfile parsed = DockerfileParser.parse(content);
            if (parsed.instructions().isEmpty()) {
                return problem(GraphProblem.Kind.EMPTY_DOCKERFILE, image, path,
                        "the Dockerfile has no instructions; it needs at least a FROM line");
            }
            DockerfileDependencies dependencies = DockerfileDependencies.of(parsed, spec.buildArgs(), platform, spec.target());
            if (dependencies.stages().isEmpty()) {
                return problem(GraphProblem.Kind.NO_FROM, image, path,
                        "the Dockerfile has no FROM line; every build starts FROM an image (or FROM scratch)");
            }
            return new Outcome(Optional.of(dependencies), Optional.of(digest), Optional.empty());
        } catch (DockerfileSyntaxException e) {
            return problem(GraphProblem.Kind.DOCKERFILE_SYNTAX, image, path + (e.line() > 0 ? " line " + e.line() : ""),
                    e.problem());
        }
    }

    private static Outcome problem(GraphProblem.Kind kind, String image, String location, String message) {
        return new Outcome(Optional.empty(), Optional.empty(),
                Optional.of(GraphProblem.error(kind, image, location, message)));
    }
}
