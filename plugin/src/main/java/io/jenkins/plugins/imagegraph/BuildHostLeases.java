package io.jenkins.plugins.imagegraph;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The build hosts one {@code buildImageGraph} uses (chosen by {@link JobAccess#buildHosts}),
 * leased for the build: TLS client material written to a private folder beside the
 * workspace on the agent (never in a command line or the log), removed by {@link #close()}.
 */
final class BuildHostLeases implements Closeable {

    private final List<HostLease> leases;
    private final FilePath folder;

    private BuildHostLeases(List<HostLease> leases, FilePath folder) {
        this.leases = List.copyOf(leases);
        this.folder = folder;
    }

    /**
     * @param hosts the hosts the job chose and may use ({@link JobAccess#buildHosts}); none: no
     *              leases, and the build uses the agent's own Docker
     */
    static BuildHostLeases lease(List<BuildHostSetting> hosts, Run<?, ?> run, FilePath temporary)
            throws IOException, InterruptedException {
        if (hosts.isEmpty()) {
            return new BuildHostLeases(List.of(), null);
        }
        FilePath folder = temporary.child("imagegraph-hosts-" + UUID.randomUUID());
        folder.mkdirs();
        folder.chmod(0700);
        List<HostLease> leases = new ArrayList<>();
        try {
            for (BuildHostSetting host : hosts) {
                leases.add(host.lease(run, folder));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            new BuildHostLeases(leases, folder).close();
            if (e instanceof IOException && !(e instanceof AbortException)) {
                throw new AbortException(e.getMessage());
            }
            throw e;
        }
        return new BuildHostLeases(leases, folder);
    }

    /** For the agent's work: each host's name, URL, slots and certificate folder. */
    ArrayList<ArrayList<String>> specs() {
        ArrayList<ArrayList<String>> specs = new ArrayList<>();
        leases.forEach(lease -> specs.add(lease.toSpec()));
        return specs;
    }

    @Override
    public void close() throws IOException {
        java.util.Optional<IOException> first = CloseAll.of(leases);
        if (folder != null) {
            try {
                folder.deleteRecursive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (first.isPresent()) {
            throw first.get();
        }
    }
}
