package io.imagegraph.core.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.files.WireName;
import io.imagegraph.core.promote.ImageLocation;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.registry.Manifest;
import io.imagegraph.core.registry.ManifestDescriptor;
import io.imagegraph.core.registry.Registries;
import io.imagegraph.core.registry.Registry;
import io.imagegraph.core.registry.RegistryException;
import io.imagegraph.core.retention.RetentionPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a repository to its retention policy. {@link #plan} reads every tag, groups the tags by
 * digest into versions, dates each version (when the tag history first saw it, else the image
 * config's {@code created}) and decides: a version that a recorded deployment runs, that a
 * protected tag points at, that is among the newest {@code keep}, that is younger than
 * {@code minAge}, or whose age is unknown, is kept; the others may be deleted. It also adds up the
 * repository's unique blob bytes and what deleting would free once the registry collects garbage.
 * {@link #apply} deletes the planned versions through the registry API (a manifest delete by digest
 * removes every tag on it), and for an index the platform manifests no kept version still names.
 */
public final class Retention {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keep or delete. */
    public enum Decision implements WireName {
        KEEP, DELETE;

        @Override
        public String toString() {
            return id();
        }
    }

    /**
     * One version of a repository.
     *
     * @param digest   its manifest digest
     * @param tags     the tags on it
     * @param created  when it appeared, if known
     * @param bytes    the blob bytes it names (for an index, its platforms')
     * @param decision keep or delete
     * @param reason   why, in words
     * @param children for an index, its platform manifests
     */
    public record Version(String digest, List<String> tags, Optional<Instant> created, long bytes, Decision decision,
                          String reason, List<String> children) {

        /** Kept because it is deployed or carries a protected tag: never suggested for deletion. */
        public boolean required() {
            return decision == Decision.KEEP && (reason.startsWith(DEPLOYED) || reason.startsWith(PROTECTED));
        }
    }

    private static final String DEPLOYED = "deployed to ";
    private static final String PROTECTED = "tag ";

    /**
     * What the policy decides for one repository.
     *
     * @param repository  the repository
     * @param versions    newest first
     * @param uniqueBytes the bytes of every distinct blob its versions name
     * @param freedBytes  the bytes of the blobs only deleted versions name
     */
    public record RepositoryPlan(ImageLocation repository, List<Version> versions, long uniqueBytes, long freedBytes) {

        public List<Version> toDelete() {
            return versions.stream().filter(v -> v.decision() == Decision.DELETE).toList();
        }
    }

    /** What deleting one version did: {@code null} error when it is gone. */
    public record Deletion(String digest, String error) {
    }

    private final Registries registries;
    private final TagHistory history;
    private final Deployments deployments;
    private final Clock clock;

    public Retention(Registries registries, TagHistory history, Deployments deployments, Clock clock) {
        this.registries = registries;
        this.history = history;
        this.deployments = deployments;
        this.clock = clock;
    }

    public RepositoryPlan plan(ImageLocation location, RetentionPolicy policy)
            throws RegistryException, InterruptedException, IOException {
        Registry registry = registries.named(location.registry());
        Map<String, List<String>> tagsByDigest = new LinkedHashMap<>();
        for (String tag : registry.tags(location.repository())) {
            Optional<ManifestDescriptor> at = registry.head(location.repository(), tag);
            at.ifPresent(d -> tagsByDigest.computeIfAbsent(d.digest().toString(), k -> new ArrayList<>()).add(tag));
        }
        Map<String, Instant> firstSeen = new HashMap<>();
        for (TagEvent event : history.events()) {
            if (event.repository().equals(location.toString())) {
                firstSeen.putIfAbsent(event.digest(), Instant.parse(event.time()));
            }
        }
        Map<String, String> deployedTo = new HashMap<>();
        for (DeploymentRecord record : deployments.current()) {
            if (record.repository().equals(location.toString())) {
                deployedTo.merge(record.digest(), record.environment(), (a, b) -> a + ", " + b);
            }
        }
        List<Draft> drafts = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : tagsByDigest.entrySet()) {
            drafts.add(draft(registry, location, entry.getKey(), entry.getValue(), firstSeen));
        }
        drafts.sort(Comparator.comparing((Draft d) -> d.created.orElse(Instant.MIN)).reversed());
        Instant now = clock.instant();
        List<Version> versions = new ArrayList<>();
        Map<Digest, Long> allBlobs = new HashMap<>();
        Map<Digest, Long> keptBlobs = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            String reason = keepReason(draft, i, policy, deployedTo, now);
            Decision decision = reason == null ? Decision.DELETE : Decision.KEEP;
            versions.add(new Version(draft.digest, List.copyOf(draft.tags), draft.created,
                    draft.blobs.values().stream().mapToLong(Long::longValue).sum(), decision,
                    reason == null ? "older than " + policy.minAge().toDays() + "d, not among the " + policy.keep()
                            + " newest, no protected tag, not deployed" : reason, draft.children));
            allBlobs.putAll(draft.blobs);
            if (decision == Decision.KEEP) {
                keptBlobs.putAll(draft.blobs);
            }
        }
        long unique = allBlobs.values().stream().mapToLong(Long::longValue).sum();
        long freed = allBlobs.entrySet().stream().filter(e -> !keptBlobs.containsKey(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        return new RepositoryPlan(location, versions, unique, freed);
    }

    private static String keepReason(Draft draft, int newestIndex, RetentionPolicy policy,
                                     Map<String, String> deployedTo, Instant now) {
        if (deployedTo.containsKey(draft.digest)) {
            return DEPLOYED + deployedTo.get(draft.digest);
        }
        for (String tag : draft.tags) {
            if (policy.protecting(tag).isPresent()) {
                return PROTECTED + tag + " is protected (" + policy.protecting(tag).get().pattern() + ")";
            }
        }
        if (newestIndex < policy.keep()) {
            return "one of the " + policy.keep() + " newest";
        }
        if (draft.created.isEmpty()) {
            return "its age is unknown";
        }
        if (draft.created.get().plus(policy.minAge()).isAfter(now)) {
            return "younger than " + policy.minAge().toDays() + "d";
        }
        return null;
    }

    /** What is known of one digest before the decision. */
    private record Draft(String digest, List<String> tags, Optional<Instant> created, Map<Digest, Long> blobs,
                         List<String> children) {
    }

    private static Draft draft(Registry registry, ImageLocation location, String digest, List<String> tags,
                               Map<String, Instant> firstSeen) throws RegistryException, InterruptedException {
        Manifest manifest = registry.manifest(location.repository(), digest).orElseThrow(() -> RegistryException.of(
                "read manifest " + location + "@" + digest, registry.name(), "a tag points at it but it is gone"));
        Map<Digest, Long> blobs = new LinkedHashMap<>();
        List<String> children = new ArrayList<>();
        Manifest image = manifest;
        if (manifest.isIndex()) {
            for (ManifestDescriptor child : manifest.children()) {
                children.add(child.digest().toString());
                Optional<Manifest> platform = registry.manifest(location.repository(), child.digest().toString());
                if (platform.isPresent()) {
                    blobs.putAll(platform.get().blobSizes());
                    image = platform.get();
                }
            }
        } else {
            blobs.putAll(manifest.blobSizes());
        }
        Optional<Instant> created = Optional.ofNullable(firstSeen.get(digest));
        if (created.isEmpty() && image.config().isPresent()) {
            created = createdOf(registry.blob(location.repository(), image.config().get()));
        }
        return new Draft(digest, tags, created, blobs, children);
    }

    private static Optional<Instant> createdOf(byte[] config) {
        try {
            JsonNode created = JSON.readTree(config).path("created");
            return created.isTextual() ? Optional.of(Instant.parse(created.asText())) : Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the versions the plan marks, and the platform manifests of deleted indexes that no
     * kept version names. A deletion that fails is reported and the others still happen.
     */
    public List<Deletion> apply(RepositoryPlan plan) throws RegistryException, InterruptedException {
        Registry registry = registries.named(plan.repository().registry());
        Set<String> keptChildren = new HashSet<>();
        plan.versions().stream().filter(v -> v.decision() == Decision.KEEP).forEach(v -> {
            keptChildren.addAll(v.children());
            keptChildren.add(v.digest());
        });
        List<Deletion> deletions = new ArrayList<>();
        for (Version version : plan.toDelete()) {
            deletions.add(delete(registry, plan.repository(), version.digest()));
            for (String child : version.children()) {
                if (!keptChildren.contains(child)) {
                    deletions.add(delete(registry, plan.repository(), child));
                }
            }
        }
        return deletions;
    }

    private static Deletion delete(Registry registry, ImageLocation location, String digest)
            throws InterruptedException {
        try {
            registry.deleteManifest(location.repository(), Digest.of(digest));
            return new Deletion(digest, null);
        } catch (RegistryException e) {
            String hint = e.status() == 405 ? " (the registry does not allow deletes; the CNCF registry needs"
                    + " storage.delete.enabled: true)" : "";
            return new Deletion(digest, e.getMessage() + hint);
        }
    }
}
