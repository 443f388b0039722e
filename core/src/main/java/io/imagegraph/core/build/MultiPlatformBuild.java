package io.imagegraph.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import io.imagegraph.core.ref.TargetPlatform;
import io.imagegraph.core.registry.BlobStore;
import io.imagegraph.core.registry.ImageIndex;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.ManifestStore;
import io.imagegraph.core.registry.RegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds one image for several platforms into an OCI image index. The Docker Engine's classic
 * image store holds one platform per tag, so each platform is built on its own
 * ({@code --platform}), pushed under the image's input-digest tag and read back from the registry
 * (its config must name that platform, so a host-architecture image labelled for another one is
 * never published); then the index naming every platform's manifest is put under the input-digest
 * tag and the run's tags. Its digest is the image's digest in the report, lineage and promotion.
 * Each platform of a child is built on the same platform of its parent: the image this run built
 * for it, or the parent's registry digest, from which the builder takes that platform's manifest.
 * A platform this machine cannot run ({@link HostPlatforms}) is refused before anything is built.
 * One instance serves one run.
 */
final class MultiPlatformBuild {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one image's platforms came to: the index and the image to run here (the host's platform, else the first). */
    record Outcome(String hostImage, Digest index, boolean reused) {
    }

    private final Optional<ManifestStore> registry;
    private final HostPlatforms host;
    private final Map<String, Map<TargetPlatform, String>> built = new ConcurrentHashMap<>();

    MultiPlatformBuild(Optional<ManifestStore> registry, HostPlatforms host) {
        this.registry = registry;
        this.host = host;
    }

    /**
     * The job for an image built for one platform: as it is for the machine's own, else with
     * {@code --platform}, once the machine is known to run it.
     */
    BuildJob single(BuildJob job, TargetPlatform platform) throws ImageBuildException {
        if (host.isNative(platform)) {
            return job;
        }
        refuseUnrunnable(job.name(), List.of(platform));
        return job.forPlatform(platform.toString(), job.pinnedParents(), job.tags(), job.workDirectory());
    }

    /**
     * Builds and pushes every platform, then puts the index under the input-digest tag and the
     * run's tags.
     *
     * @param parentDigests each parent's registry digest, when it has one
     * @param reuse         look for an index of exactly these platforms under the input-digest tag first
     */
    Outcome build(BuildJob job, List<TargetPlatform> platforms, BuildTool tool, RepositoryName path, String inputRef,
                  String inputTag, List<String> runTags, Map<String, String> parentDigests, boolean push,
                  boolean reuse, OutputStream log) throws ImageBuildException, InterruptedException {
        String name = job.name();
        if (registry.isEmpty() || !push) {
            throw new ImageBuildException("image " + name + " is built for " + join(platforms) + ", which makes an OCI"
                    + " image index, and an index lives in a registry only: build it with a registry to push to"
                    + " (--registry HOST, without --no-push)", false);
        }
        refuseUnrunnable(name, platforms);
        ManifestStore store = registry.get();
        RegistryTags tags = new RegistryTags(store);
        try {
            if (reuse) {
                Optional<Manifest> found = store.manifest(path, inputTag);
                if (found.isPresent() && ImageIndex.namesExactly(found.get(), platforms)) {
                    tags.tag(path, inputTag, found.get().digest(), runTags);
                    write(log, "imagegraph: " + inputRef + " is an index of " + join(platforms) + "; reused\n");
                    return new Outcome("", found.get().digest(), true);
                }
            }
            Map<TargetPlatform, ManifestDescriptor> manifests = new LinkedHashMap<>();
            Map<TargetPlatform, String> images = new LinkedHashMap<>();
            for (TargetPlatform platform : platforms) {
                Map<String, String> parents = new LinkedHashMap<>(job.pinnedParents());
                parents.replaceAll((parent, pinned) -> Optional.ofNullable(built.get(parent))
                        .map(byPlatform -> byPlatform.get(platform))
                        .or(() -> Optional.ofNullable(parentDigests.get(parent)))
                        .orElse(pinned));
                write(log, "imagegraph: building " + name + " for " + platform + "\n");
                BuildJob one = job.forPlatform(platform.toString(), parents, List.of(inputRef),
                        job.workDirectory().resolve(platform.slug()));
                String id = tool.builder().build(one, log);
                tool.pusher().push(inputRef, log);
                ManifestDescriptor pushed = store.head(path, inputTag).orElseThrow(() -> new ImageBuildException(
                        "the registry does not show " + inputRef + " after pushing its " + platform + " image", true));
                checkPlatform(store, path, name, platform, pushed);
                manifests.put(platform, pushed);
                images.put(platform, id);
            }
            built.put(name, images);
            Manifest index = ImageIndex.of(manifests);
            store.putManifest(path, inputTag, index);
            tags.tag(path, inputTag, index.digest(), runTags);
            write(log, "imagegraph: pushed the index " + index.digest() + " of " + join(platforms) + " as " + inputRef
                    + "\n");
            String here = images.entrySet().stream().filter(entry -> host.isNative(entry.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(images.values().iterator().next());
            return new Outcome(here, index.digest(), false);
        } catch (RegistryException e) {
            throw new ImageBuildException(e.getMessage(), e.isRetryable());
        }
    }

    private void refuseUnrunnable(String name, List<TargetPlatform> platforms) throws ImageBuildException {
        for (TargetPlatform platform : platforms) {
            Optional<String> refusal = host.refusal(name, platform);
            if (refusal.isPresent()) {
                throw new ImageBuildException(refusal.get(), false);
            }
        }
    }

    /** The pushed manifest's config must name the platform it was built for. */
    private static void checkPlatform(ManifestStore store, RepositoryName path, String name, TargetPlatform platform,
                                      ManifestDescriptor pushed) throws RegistryException, InterruptedException,
            ImageBuildException {
        if (!(store instanceof BlobStore blobs)) {
            return;
        }
        Manifest manifest = store.manifest(path, pushed.digest().toString()).orElseThrow(() -> new ImageBuildException(
                "the registry does not show " + path + "@" + pushed.digest() + " after the push", true));
        Optional<Digest> config = manifest.config();
        if (config.isEmpty()) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(blobs.blob(path, config.get()));
        } catch (IOException e) {
            throw new ImageBuildException("the config of " + path + "@" + pushed.digest() + " is not JSON", false);
        }
        String os = json.path("os").asText("");
        String architecture = json.path("architecture").asText("");
        if (!os.equals(platform.os()) || !architecture.equals(platform.architecture())) {
            throw new ImageBuildException("the build of " + name + " for " + platform + " produced a " + os + "/"
                    + architecture + " image (" + pushed.digest() + "), so the builder did not honour --platform;"
                    + " nothing was published under its tags", false);
        }
    }

    private static String join(List<TargetPlatform> platforms) {
        return String.join(", ", platforms.stream().map(TargetPlatform::toString).toList());
    }

    private static void write(OutputStream log, String line) throws ImageBuildException {
        try {
            log.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ImageBuildException("cannot write the build log: " + e.getMessage(), false);
        }
    }
}
