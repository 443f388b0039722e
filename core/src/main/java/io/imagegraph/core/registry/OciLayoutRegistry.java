package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A registry in a directory: each repository is an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}) at {@code <root>/<repository>/}, its tags the
 * {@code org.opencontainers.image.ref.name} annotations of {@code index.json}. skopeo, buildah and
 * podman read it as {@code oci:<root>/<repository>:<tag>}. Changes to an index are atomic and
 * locked against other threads and processes.
 */
public final class OciLayoutRegistry implements Registry {

    static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path root;

    private OciLayoutRegistry(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static OciLayoutRegistry at(Path root) {
        return new OciLayoutRegistry(root);
    }

    public Path root() {
        return root;
    }

    @Override
    public String name() {
        return root.toString();
    }

    @Override
    public void checkVersion() throws RegistryException {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw RegistryException.of("open the OCI layout registry", name(), "cannot create the directory ("
                    + e.getMessage() + ")");
        }
        if (!Files.isWritable(root)) {
            throw RegistryException.of("open the OCI layout registry", name(), "the directory is not writable");
        }
    }

    @Override
    public Optional<ManifestDescriptor> head(RepositoryName repository, String reference) throws RegistryException {
        return manifest(repository, reference).map(Manifest::descriptor);
    }

    @Override
    public Optional<Manifest> manifest(RepositoryName repository, String reference) throws RegistryException {
        String ref = References.check(reference);
        String action = "get manifest " + repository.value() + (References.isDigest(ref) ? "@" : ":") + ref;
        Path layout = layout(repository);
        if (References.isDigest(ref)) {
            Path blob = blobPath(layout, Digest.of(ref));
            if (!Files.exists(blob)) {
                return Optional.empty();
            }
            String type = mediaTypeInIndex(readIndex(layout, action), ref).orElse(null);
            return Optional.of(Manifest.of(read(blob, action), type));
        }
        for (JsonNode entry : readIndex(layout, action).path("manifests")) {
            if (ref.equals(entry.path("annotations").path(REF_NAME).asText(null))) {
                Digest digest = Digest.of(entry.path("digest").asText());
                return Optional.of(Manifest.of(read(blobPath(layout, digest), action), entry.path("mediaType").asText()));
            }
        }
        return Optional.empty();
    }

    @Override
    public Digest putManifest(RepositoryName repository, String reference, Manifest manifest) throws RegistryException {
        String ref = References.check(reference);
        if (References.isDigest(ref) && !ref.equals(manifest.digest().toString())) {
            throw RegistryException.of("put manifest " + manifest.digest(), name(), "it was given as " + ref
                    + ", which is not its digest");
        }
        String action = "put manifest " + manifest.digest() + " as " + repository.value()
                + (References.isDigest(ref) ? "@" : ":") + ref;
        Path layout = layout(repository);
        List<Digest> needed = new ArrayList<>(manifest.blobs());
        manifest.children().forEach(child -> needed.add(child.digest()));
        for (Digest digest : needed) {
            if (!Files.exists(blobPath(layout, digest))) {
                throw RegistryException.of(action, name(), "it names " + digest + ", which is not in "
                        + repository.value() + "; copy or mount that first");
            }
        }
        if (References.isDigest(ref)) {
            writeBlob(layout, manifest.digest(), temporary -> Files.write(temporary, manifest.bytes()), action);
            return manifest.digest();
        }
        return withIndex(repository, action, index -> {
            writeBlob(layout, manifest.digest(), temporary -> Files.write(temporary, manifest.bytes()), action);
            ArrayNode manifests = (ArrayNode) index.withArray("manifests");
            for (int i = manifests.size() - 1; i >= 0; i--) {
                if (ref.equals(manifests.get(i).path("annotations").path(REF_NAME).asText(null))) {
                    manifests.remove(i);
                }
            }
            ObjectNode entry = manifests.addObject();
            entry.put("mediaType", manifest.mediaType());
            entry.put("digest", manifest.digest().toString());
            entry.put("size", manifest.bytes().length);
            entry.putObject("annotations").put(REF_NAME, ref);
            return manifest.digest();
        });
    }

    @Override
    public void deleteManifest(RepositoryName repository, Digest digest) throws RegistryException {
        String action = "delete manifest " + repository.value() + "@" + digest;
        Path layout = layout(repository);
        withIndex(repository, action, index -> {
            ArrayNode manifests = (ArrayNode) index.withArray("manifests");
            boolean found = false;
            for (int i = manifests.size() - 1; i >= 0; i--) {
                if (digest.toString().equals(manifests.get(i).path("digest").asText())) {
                    manifests.remove(i);
                    found = true;
                }
            }
            if (!found && !Files.exists(blobPath(layout, digest))) {
                throw RegistryException.of(action, name(), "it does not exist there");
            }
            try {
                Files.deleteIfExists(blobPath(layout, digest));
            } catch (IOException e) {
                throw RegistryException.of(action, name(), "cannot delete its blob (" + e.getMessage() + ")");
            }
            return null;
        });
    }

    @Override
    public void deleteTag(RepositoryName repository, String tag) throws RegistryException {
        String ref = References.checkTag(tag);
        String action = "delete tag " + repository.value() + ":" + ref;
        withIndex(repository, action, index -> {
            ArrayNode manifests = (ArrayNode) index.withArray("manifests");
            for (int i = manifests.size() - 1; i >= 0; i--) {
                if (ref.equals(manifests.get(i).path("annotations").path(REF_NAME).asText(null))) {
                    manifests.remove(i);
                    return null;
                }
            }
            throw RegistryException.of(action, name(), "it does not exist there");
        });
    }

    @Override
    public List<String> tags(RepositoryName repository) throws RegistryException {
        List<String> tags = new ArrayList<>();
        for (JsonNode entry : readIndex(layout(repository), "list the tags of " + repository.value()).path("manifests")) {
            String tag = entry.path("annotations").path(REF_NAME).asText(null);
            if (tag != null) {
                tags.add(tag);
            }
        }
        tags.sort(null);
        return tags;
    }

    @Override
    public boolean blobExists(RepositoryName repository, Digest digest) {
        return Files.exists(blobPath(layout(repository), digest));
    }

    @Override
    public boolean mountBlob(RepositoryName from, RepositoryName to, Digest digest) throws RegistryException {
        Path source = blobPath(layout(from), digest);
        if (!Files.exists(source)) {
            return false;
        }
        String action = "mount blob " + digest.shortForm() + " from " + from.value() + " into " + to.value();
        Path target = blobPath(layout(to), digest);
        if (Files.exists(target)) {
            return true;
        }
        try {
            ensureLayout(layout(to));
            Path temporary = Files.createTempFile(target.getParent(), ".mount-", ".tmp");
            Files.delete(temporary);
            try {
                Files.createLink(temporary, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, temporary);
            }
            move(temporary, target);
            return true;
        } catch (IOException e) {
            throw RegistryException.of(action, name(), e.getMessage());
        }
    }

    @Override
    public byte[] blob(RepositoryName repository, Digest digest) throws RegistryException {
        String action = "get blob " + digest.shortForm() + " of " + repository.value();
        Path path = blobPath(layout(repository), digest);
        if (!Files.exists(path)) {
            throw RegistryException.of(action, name(), "it does not exist there");
        }
        return read(path, action);
    }

    @Override
    public void putBlob(RepositoryName repository, Digest digest, byte[] content) throws RegistryException {
        String action = "upload blob " + digest.shortForm() + " to " + repository.value();
        if (!Digest.sha256(content).equals(digest)) {
            throw RegistryException.of(action, name(), "the content's digest is " + Digest.sha256(content));
        }
        writeBlob(layout(repository), digest, temporary -> Files.write(temporary, content), action);
    }

    @Override
    public void downloadBlob(RepositoryName repository, Digest digest, Path file) throws RegistryException {
        String action = "get blob " + digest.shortForm() + " of " + repository.value();
        Path path = blobPath(layout(repository), digest);
        if (!Files.exists(path)) {
            throw RegistryException.of(action, name(), "it does not exist there");
        }
        try {
            Files.copy(path, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw RegistryException.of(action, name(), "cannot copy it to " + file + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public void uploadBlob(RepositoryName repository, Digest digest, Path file) throws RegistryException {
        String action = "upload blob " + digest.shortForm() + " to " + repository.value();
        writeBlob(layout(repository), digest, temporary -> {
            Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
            Digest copied = Digest.sha256(temporary);
            if (!copied.equals(digest)) {
                throw RegistryException.of(action, name(), "the content's digest is " + copied);
            }
        }, action);
    }

    private Path layout(RepositoryName repository) {
        return root.resolve(repository.value());
    }

    private static Path blobPath(Path layout, Digest digest) {
        return layout.resolve("blobs").resolve(digest.algorithm()).resolve(digest.encoded());
    }

    /** Fills a temporary file beside the blob's place, which is then moved there in one step. */
    @FunctionalInterface
    private interface BlobWriter {
        void write(Path temporary) throws IOException, RegistryException;
    }

    private void writeBlob(Path layout, Digest digest, BlobWriter content, String action) throws RegistryException {
        Path target = blobPath(layout, digest);
        if (Files.exists(target)) {
            return;
        }
        Path temporary = null;
        try {
            ensureLayout(layout);
            temporary = Files.createTempFile(target.getParent(), ".blob-", ".tmp");
            content.write(temporary);
            move(temporary, target);
            temporary = null;
        } catch (IOException e) {
            throw RegistryException.of(action, name(), "cannot write " + target + " (" + e.getMessage() + ")");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a leftover .tmp file is ignored by readers and overwritten by nothing
                }
            }
        }
    }

    private static void ensureLayout(Path layout) throws IOException {
        Files.createDirectories(layout.resolve("blobs").resolve("sha256"));
        Path marker = layout.resolve("oci-layout");
        if (!Files.exists(marker)) {
            try {
                Files.writeString(marker, "{\"imageLayoutVersion\":\"1.0.0\"}", StandardOpenOption.CREATE_NEW);
            } catch (FileAlreadyExistsException e) {
                // another writer made it first
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private ObjectNode readIndex(Path layout, String action) throws RegistryException {
        Path index = layout.resolve("index.json");
        try {
            JsonNode json = JSON.readTree(Files.readAllBytes(index));
            if (!(json instanceof ObjectNode object)) {
                throw RegistryException.of(action, name(), index + " is not a JSON object");
            }
            return object;
        } catch (NoSuchFileException e) {
            ObjectNode empty = JSON.createObjectNode();
            empty.put("schemaVersion", 2);
            empty.putArray("manifests");
            return empty;
        } catch (IOException e) {
            throw RegistryException.of(action, name(), "cannot read " + index + " (" + e.getMessage() + ")");
        }
    }

    private static Optional<String> mediaTypeInIndex(JsonNode index, String digest) {
        for (JsonNode entry : index.path("manifests")) {
            if (digest.equals(entry.path("digest").asText())) {
                return Optional.of(entry.path("mediaType").asText());
            }
        }
        return Optional.empty();
    }

    private byte[] read(Path path, String action) throws RegistryException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw RegistryException.of(action, name(), "cannot read " + path + " (" + e.getMessage() + ")");
        }
    }

    private interface IndexChange<T> {
        T apply(ObjectNode index) throws RegistryException;
    }

    /** Reads, changes and writes back a repository's index.json under a thread and a file lock. */
    private <T> T withIndex(RepositoryName repository, String action, IndexChange<T> change) throws RegistryException {
        Path layout = layout(repository);
        ReentrantLock lock = LOCKS.computeIfAbsent(layout, key -> new ReentrantLock());
        lock.lock();
        try {
            ensureLayout(layout);
            try (FileChannel channel = FileChannel.open(layout.resolve(".index.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                ObjectNode index = readIndex(layout, action);
                T result = change.apply(index);
                Path temporary = Files.createTempFile(layout, ".index-", ".tmp");
                Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
                move(temporary, layout.resolve("index.json"));
                return result;
            }
        } catch (IOException e) {
            throw RegistryException.of(action, name(), "cannot update " + layout.resolve("index.json") + " ("
                    + e.getMessage() + ")");
        } finally {
            lock.unlock();
        }
    }
}
