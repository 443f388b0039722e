package io.jenkins.plugins.imagegraph;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;

/**
 * A build host as one build uses it: name, endpoint, slots and the folder on the agent where its
 * TLS client certificates were written (empty: none), with what removes them after the build.
 */
public final class HostLease implements Closeable {

    private final String name;
    private final String url;
    private final int slots;
    private final String certificates;
    private final Closeable release;

    public HostLease(String name, String url, int slots, String certificates, Closeable release) {
        this.name = name;
        this.url = url;
        this.slots = slots;
        this.certificates = certificates == null ? "" : certificates;
        this.release = release;
    }

    public String getName() {
        return name;
    }

    /** What the agent's work rebuilds the engine's build host from: name, URL, slots, certificate folder. */
    ArrayList<String> toSpec() {
        ArrayList<String> spec = new ArrayList<>();
        spec.add(name);
        spec.add(url);
        spec.add(Integer.toString(slots));
        spec.add(certificates);
        return spec;
    }

    @Override
    public void close() throws IOException {
        release.close();
    }
}
