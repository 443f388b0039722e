package io.imagegraph.core.testing;

import java.nio.file.Path;

/**
 * A small graph in a git repository, committed on main: base (busybox, FROM scratch) and app FROM
 * base, each with a smoke test. What the step tests, here and in the plugin, build, test and promote.
 */
public final class TwoImageGraph {

    private TwoImageGraph() {
    }

    /**
     * @param registry the graph file's registry
     * @param prefix   the start of its namespace, which is made unique to the call
     */
    public static GitRepo write(Path root, String registry, String prefix) throws Exception {
        GitRepo repo = new GitRepo(root);
        repo.git("init", "-q", "-b", "main");
        repo.write("imagegraph.yaml", "registry: " + registry + "\nnamespace: " + prefix
                        + Long.toHexString(System.nanoTime())
                        + "\nimages:\n  base:\n    smokeTests:\n      - name: shell\n        command: [busybox, 'true']\n"
                        + "  app:\n    smokeTests:\n      - name: motd\n        command: [busybox, cat, /etc/motd]\n")
                .write("images/base/Dockerfile", "FROM scratch\nCOPY busybox /bin/busybox\n")
                .write("images/app/Dockerfile", "FROM base\nCOPY motd /etc/motd\n")
                .write("images/app/motd", "hello\n")
                .write(".gitignore", ".imagegraph/\nbusybox\n");
        Busybox.copyInto(root.resolve("images/base/busybox"));
        repo.commitAll("graph");
        return repo;
    }
}
