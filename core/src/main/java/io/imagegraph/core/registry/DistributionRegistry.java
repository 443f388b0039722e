package io.imagegraph.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagegraph.core.ref.Digest;
import io.imagegraph.core.ref.RepositoryName;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A registry that speaks the OCI Distribution API v2 (the CNCF distribution registry, Quay,
 * Harbor, ...). Manifests move as raw bytes, so a re-tag keeps the digest; blobs move between
 * repositories by cross-repository mount. Auth and retries are the {@link RegistryTransport}'s.
 */
public final class DistributionRegistry implements Registry, ReferrersApi, RepositoryListing {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 100;

    private final RegistryTransport transport;

    private DistributionRegistry(RegistryTransport transport) {
        this.transport = transport;
    }

    public static DistributionRegistry of(RegistryEndpoint endpoint, CredentialResolver credentials) {
        return of(endpoint, credentials, RetryPolicy.standard());
    }

    public static DistributionRegistry of(RegistryEndpoint endpoint, CredentialResolver credentials, RetryPolicy retry) {
        return new DistributionRegistry(new RegistryTransport(endpoint, credentials, retry, Clock.systemUTC()));
    }

    @Override
    public String name() {
        return transport.registryName();
    }

    @Override
    public void checkVersion() throws RegistryException, InterruptedException {
        RegistryResponse response = transport.send(RegistryCall.of("GET", "v2/", null,
                "check the registry API version", 200, 404));
        if (response.status() == 404) {
            throw new RegistryException("check the registry API version", name(), 404, List.of(),
                    "it does not answer the OCI Distribution API (no /v2/); check the registry host", false);
        }
    }

    @Override
    public Optional<ManifestDescriptor> head(RepositoryName repository, String reference)
            throws RegistryException, InterruptedException {
        String ref = References.check(reference);
        RegistryResponse response = transport.send(RegistryCall.of("HEAD", manifestPath(repository, ref),
                RegistryCall.pull(repository.value()), "look up manifest " + display(repository, ref), 200, 404)
                .withHeaders(Map.of("Accept", MediaTypes.accept())));
        if (response.status() == 404) {
            return Optional.empty();
        }
        Optional<String> digest = response.header("Docker-Content-Digest");
        if (digest.isEmpty()) {
            return manifest(repository, ref).map(Manifest::descriptor);
        }
        return Optional.of(new ManifestDescriptor(Digest.of(digest.get()),
                response.header("Content-Type").orElse(""),
                response.contentLength()));
    }

    @Override
    public Optional<Manifest> manifest(RepositoryName repository, String reference)
            throws RegistryException, InterruptedException {
        String ref = References.check(reference);
        String action = "get manifest " + display(repository, ref);
        RegistryResponse response = transport.send(RegistryCall.of("GET", manifestPath(repository, ref),
                RegistryCall.pull(repository.value()), action, 200, 404)
                .withHeaders(Map.of("Accept", MediaTypes.accept())));
        if (response.status() == 404) {
            return Optional.empty();
        }
        Manifest manifest = Manifest.of(response.body(), response.header("Content-Type").orElse(null));
        Optional<String> claimed = response.header("Docker-Content-Digest");
        if (References.isDigest(ref) && !manifest.digest().toString().equals(ref)
                || claimed.isPresent() && !claimed.get().equals(manifest.digest().toString())) {
            throw RegistryException.of(action, name(), "the manifest's bytes have digest " + manifest.digest()
                    + ", not the " + (References.isDigest(ref) ? ref : claimed.get()) + " the registry claims");
        }
        return Optional.of(manifest);
    }

    @Override
    public Digest putManifest(RepositoryName repository, String reference, Manifest manifest)
            throws RegistryException, InterruptedException {
        String ref = References.check(reference);
        RegistryResponse response = transport.send(RegistryCall.of("PUT", manifestPath(repository, ref),
                RegistryCall.push(repository.value()), "put manifest " + manifest.digest() + " as "
                        + display(repository, ref), 201, 200)
                .withHeaders(Map.of("Content-Type", manifest.mediaType())).withBody(manifest.bytes()));
        Optional<String> stored = response.header("Docker-Content-Digest");
        if (stored.isPresent() && !stored.get().equals(manifest.digest().toString())) {
            throw RegistryException.of("put manifest " + display(repository, ref), name(), "the registry stored it as "
                    + stored.get() + " instead of " + manifest.digest() + "; it rewrote the manifest");
        }
        return manifest.digest();
    }

    @Override
    public void deleteManifest(RepositoryName repository, Digest digest) throws RegistryException, InterruptedException {
        transport.send(RegistryCall.of("DELETE", manifestPath(repository, digest.toString()),
                RegistryCall.delete(repository.value()), "delete manifest " + display(repository, digest.toString()),
                202, 200));
    }

    @Override
    public void deleteTag(RepositoryName repository, String tag) throws RegistryException, InterruptedException {
        String ref = References.checkTag(tag);
        String action = "delete tag " + display(repository, ref);
        RegistryResponse response = transport.send(RegistryCall.of("DELETE", manifestPath(repository, ref),
                RegistryCall.delete(repository.value()), action, 202, 200, 400, 405));
        if (response.status() == 400 || response.status() == 405) {
            throw new RegistryException(action, name(), response.status(), RegistryErrorBody.codes(response.body()),
                    "this registry cannot delete a tag on its own (" + RegistryErrorBody.messages(response.body())
                    + "); remove it by hand or point it at another image", false);
        }
    }

    @Override
    public List<String> tags(RepositoryName repository) throws RegistryException, InterruptedException {
        return tags(repository, PAGE);
    }

    @Override
    public List<String> tags(RepositoryName repository, int pageSize) throws RegistryException, InterruptedException {
        List<String> tags = new ArrayList<>();
        String path = "v2/" + repository.value() + "/tags/list?n=" + pageSize;
        String action = "list the tags of " + repository.value();
        while (path != null) {
            RegistryResponse response = transport.send(RegistryCall.of("GET", path,
                    RegistryCall.pull(repository.value()), action, 200, 404));
            if (response.status() == 404) {
                return tags;
            }
            try {
                JsonNode page = JSON.readTree(response.body());
                page.path("tags").forEach(tag -> tags.add(tag.asText()));
            } catch (IOException e) {
                throw RegistryException.of(action, name(), "its tag list is not JSON");
            }
            path = RegistryTransport.nextPage(response).map(DistributionRegistry::relative).orElse(null);
        }
        return tags;
    }

    @Override
    public Optional<List<String>> repositories(int pageSize) throws RegistryException, InterruptedException {
        List<String> repositories = new ArrayList<>();
        String path = "v2/_catalog?n=" + pageSize;
        String action = "list the repositories of the registry";
        while (path != null) {
            RegistryResponse response;
            try {
                response = transport.send(RegistryCall.of("GET", path, "registry:catalog:*", action, 200, 401, 403, 404));
            } catch (RegistryException e) {
                if (e.status() == 401 || e.status() == 403) {
                    return Optional.empty();
                }
                throw e;
            }
            if (response.status() != 200) {
                return Optional.empty();
            }
            try {
                JSON.readTree(response.body()).path("repositories").forEach(name -> repositories.add(name.asText()));
            } catch (IOException e) {
                throw RegistryException.of(action, name(), "its catalog is not JSON");
            }
            path = RegistryTransport.nextPage(response).map(DistributionRegistry::relative).orElse(null);
        }
        return Optional.of(repositories);
    }

    @Override
    public Optional<Manifest> referrers(RepositoryName repository, Digest subject)
            throws RegistryException, InterruptedException {
        RegistryResponse response = transport.send(RegistryCall.of("GET", "v2/" + repository.value() + "/referrers/"
                + subject, RegistryCall.pull(repository.value()), "list the referrers of "
                + display(repository, subject.toString()), 200, 404, 400, 405)
                .withHeaders(Map.of("Accept", MediaTypes.OCI_INDEX)));
        if (response.status() != 200 || !response.header("Content-Type").orElse("").startsWith(MediaTypes.OCI_INDEX)) {
            return Optional.empty();
        }
        return Optional.of(Manifest.of(response.body(), MediaTypes.OCI_INDEX));
    }

    @Override
    public boolean blobExists(RepositoryName repository, Digest digest) throws RegistryException, InterruptedException {
        return transport.send(RegistryCall.of("HEAD", blobPath(repository, digest), RegistryCall.pull(repository.value()),
                "look up blob " + digest.shortForm() + " in " + repository.value(), 200, 404)).status() == 200;
    }

    @Override
    public boolean mountBlob(RepositoryName from, RepositoryName to, Digest digest)
            throws RegistryException, InterruptedException {
        String action = "mount blob " + digest.shortForm() + " from " + from.value() + " into " + to.value();
        RegistryResponse response = transport.send(RegistryCall.of("POST", "v2/" + to.value()
                        + "/blobs/uploads/?mount=" + digest + "&from=" + from.value(), null, action, 201, 202)
                .withScopes(List.of(RegistryCall.push(to.value()), RegistryCall.pull(from.value()))));
        if (response.status() == 201) {
            return true;
        }
        // 202: the registry started an upload instead; cancel it so that nothing is left half-done.
        Optional<String> location = response.header("Location");
        if (location.isPresent()) {
            transport.send(RegistryCall.of("DELETE", relative(location.get()), RegistryCall.push(to.value()),
                    "cancel the upload started by " + action, 204, 200, 202, 404));
        }
        return false;
    }

    @Override
    public byte[] blob(RepositoryName repository, Digest digest) throws RegistryException, InterruptedException {
        String action = "get blob " + digest.shortForm() + " of " + repository.value();
        RegistryResponse response = transport.send(RegistryCall.of("GET", blobPath(repository, digest),
                RegistryCall.pull(repository.value()), action, 200, 307, 302));
        if (response.status() != 200) {
            throw RegistryException.of(action, name(), "the registry redirects blob downloads to "
                    + response.header("Location").map(l -> URI.create(l).getHost()).orElse("elsewhere")
                    + ", which image-graph only follows when copying between registries");
        }
        if (!Digest.sha256(response.body()).equals(digest)) {
            throw RegistryException.of(action, name(), "the bytes it sent do not have that digest");
        }
        return response.body();
    }

    @Override
    public void putBlob(RepositoryName repository, Digest digest, byte[] content)
            throws RegistryException, InterruptedException {
        upload(repository, digest, call -> call.withBody(content));
    }

    @Override
    public void uploadBlob(RepositoryName repository, Digest digest, Path file)
            throws RegistryException, InterruptedException {
        upload(repository, digest, call -> call.withBodyFrom(file));
    }

    /** A monolithic upload: POST opens it, one PUT with the whole body and the digest closes it. */
    private void upload(RepositoryName repository, Digest digest, UnaryOperator<RegistryCall> withContent)
            throws RegistryException, InterruptedException {
        String action = "upload blob " + digest.shortForm() + " to " + repository.value();
        RegistryResponse start = transport.send(RegistryCall.of("POST", "v2/" + repository.value()
                + "/blobs/uploads/", RegistryCall.push(repository.value()), action, 202));
        String location = start.header("Location").orElseThrow(() -> RegistryException.of(action, name(),
                "the registry started an upload without saying where (no Location header)"));
        String path = relative(location);
        transport.send(withContent.apply(RegistryCall.of("PUT", path + (path.contains("?") ? "&" : "?") + "digest="
                        + digest, RegistryCall.push(repository.value()), action, 201)
                .withHeaders(Map.of("Content-Type", "application/octet-stream"))));
    }

    @Override
    public void downloadBlob(RepositoryName repository, Digest digest, Path file)
            throws RegistryException, InterruptedException {
        String action = "get blob " + digest.shortForm() + " of " + repository.value();
        RegistryResponse response = transport.send(RegistryCall.of("GET", blobPath(repository, digest),
                RegistryCall.pull(repository.value()), action, 200, 302, 303, 307).withResponseTo(file));
        if (response.status() != 200) {
            String location = response.header("Location").orElseThrow(() -> RegistryException.of(action, name(),
                    "the registry redirected the download without saying where (no Location header)"));
            transport.download(transport.uri("v2/").resolve(location), file, action);
        }
        Digest received;
        try {
            received = Digest.sha256(file);
        } catch (IOException e) {
            throw RegistryException.of(action, name(), "cannot read back " + file + " (" + e.getMessage() + ")");
        }
        if (!received.equals(digest)) {
            throw RegistryException.of(action, name(), "the bytes it sent have digest " + received);
        }
    }

    private static String manifestPath(RepositoryName repository, String reference) {
        return "v2/" + repository.value() + "/manifests/" + reference;
    }

    private static String blobPath(RepositoryName repository, Digest digest) {
        return "v2/" + repository.value() + "/blobs/" + digest;
    }

    private static String display(RepositoryName repository, String reference) {
        return repository.value() + (References.isDigest(reference) ? "@" : ":") + reference;
    }

    /** A Location or Link the registry sent, as a path under the registry (it may be absolute). */
    private static String relative(String location) {
        URI uri = URI.create(location);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
