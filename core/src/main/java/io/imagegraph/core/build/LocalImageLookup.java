package io.imagegraph.core.build;

import io.imagegraph.core.process.CapturedRun;
import io.imagegraph.core.process.ProcessRunner;
import io.imagegraph.core.process.ProcessSpec;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Looks images up, and tags them, in a local image store: the Docker Engine's or buildah's. */
public final class LocalImageLookup implements ImageLookup, ImageLayers, ImageSize {

    private final ProcessRunner runner;
    private final List<String> inspect;
    private final List<String> tag;
    private final String notFound;
    private final List<String> layers;
    private final Map<String, String> environment;
    private final List<String> size;

    private LocalImageLookup(ProcessRunner runner, List<String> inspect, List<String> tag, String notFound,
                             Map<String, String> environment, List<String> layers, List<String> size) {
        this.layers = List.copyOf(layers);
        this.size = List.copyOf(size);
        this.runner = runner;
        this.inspect = List.copyOf(inspect);
        this.tag = List.copyOf(tag);
        this.notFound = notFound;
        this.environment = Map.copyOf(environment);
    }

    public static LocalImageLookup docker(ProcessRunner runner, String program, Map<String, String> environment) {
        return new LocalImageLookup(runner, List.of(program, "image", "inspect", "--format", "{{.Id}}"),
                List.of(program, "tag"), "no such image", environment,
                List.of(program, "image", "inspect", "--format", "{{range .RootFS.Layers}}{{println .}}{{end}}"),
                List.of(program, "image", "inspect", "--format", "{{.Size}}"));
    }

    public static LocalImageLookup buildah(ProcessRunner runner, String program, Map<String, String> environment) {
        return new LocalImageLookup(runner, List.of(program, "inspect", "--type", "image", "--format", "{{.FromImageID}}"),
                List.of(program, "tag"), "image not known", environment,
                List.of(program, "inspect", "--type", "image", "--format", "{{range .OCIv1.RootFS.DiffIDs}}{{println .}}{{end}}"),
                List.of());
    }

    @Override
    public Optional<String> find(String reference) throws ImageBuildException, InterruptedException {
        CapturedRun run = run(inspect, reference);
        if (run.succeeded()) {
            String id = run.stdout().strip();
            return Optional.of(id.contains(":") ? id : "sha256:" + id);
        }
        if (run.stderr().toLowerCase(Locale.ROOT).contains(notFound)) {
            return Optional.empty();
        }
        throw new ImageBuildException("cannot look up " + reference + " with " + inspect.get(0) + ": "
                + run.stderr().strip(), TransientFailures.isTransient(run.stderr()));
    }

    @Override
    public void tag(String imageId, String reference) throws ImageBuildException, InterruptedException {
        CapturedRun run = run(tag, imageId, reference);
        if (!run.succeeded()) {
            throw new ImageBuildException("cannot tag " + imageId + " as " + reference + ": " + run.stderr().strip(),
                    TransientFailures.isTransient(run.stderr()));
        }
    }

    @Override
    public Optional<List<String>> diffIds(String image) throws InterruptedException {
        try {
            CapturedRun run = run(layers, image);
            return run.succeeded() ? Optional.of(run.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList())
                    : Optional.empty();
        } catch (ImageBuildException e) {
            return Optional.empty();
        }
    }

    /** The Docker Engine's {@code Size} of the image; buildah's inspect does not give one, so empty there. */
    @Override
    public java.util.OptionalLong bytes(String image) throws InterruptedException {
        if (size.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        try {
            CapturedRun run = run(size, image);
            return run.succeeded() && run.stdout().strip().matches("\\d+")
                    ? java.util.OptionalLong.of(Long.parseLong(run.stdout().strip())) : java.util.OptionalLong.empty();
        } catch (ImageBuildException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private CapturedRun run(List<String> prefix, String... args) throws ImageBuildException, InterruptedException {
        List<String> argv = new java.util.ArrayList<>(prefix);
        argv.addAll(List.of(args));
        try {
            return CapturedRun.run(runner, new ProcessSpec(argv, environment, Optional.empty(), Optional.empty()));
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + prefix.get(0) + ": " + e.getMessage(), false);
        }
    }
}
