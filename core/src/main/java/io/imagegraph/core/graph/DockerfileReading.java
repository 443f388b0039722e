package io.imagegraph.core.graph;

import io.imagegraph.core.dockerfile.DockerfileDependencies;
import io.imagegraph.core.dockerfile.DockerfileParser;
import io.imagegraph.core.dockerfile.DockerfileSyntaxException;
import io.imagegraph.core.dockerfile.ParsedDockerfile;
import io.imagegraph.core.ref.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one image's Dockerfile into its dependencies, or into the problem that prevents it. */
final class DockerfileReading {

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
            byte[] bytes = Files.readAllBytes(root.resolve(path));
            digest = Digest.sha256(bytes);
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return problem(GraphProblem.Kind.UNREADABLE_DOCKERFILE, image, path,
                    "image '" + image + "' has no Dockerfile here; create it or set 'dockerfile' in the graph file");
        } catch (CharacterCodingException e) {
            return problem(GraphProblem.Kind.UNREADABLE_DOCKERFILE, image, path,
                    "the Dockerfile is not UTF-8 text; save it as UTF-8");
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
            DockerfileDependencies dependencies = DockerfileDependencies.of(parsed, spec.buildArgs(), platform);
            if (dependencies.stages().isEmpty()) {
                return problem(GraphProblem.Kind.NO_FROM, image, path,
                        "the Dockerfile has no FROM line; every build starts FROM an image (or FROM scratch)");
            }
            return new Outcome(Optional.of(dependencies), Optional.of(digest), Optional.empty());
        } catch (DockerfileSyntaxException e) {
            return problem(GraphProblem.Kind.DOCKERFILE_SYNTAX, image, path + " line " + e.line(),
                    e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private static Outcome problem(GraphProblem.Kind kind, String image, String location, String message) {
        return new Outcome(Optional.empty(), Optional.empty(),
                Optional.of(GraphProblem.error(kind, image, location, message)));
    }
}
