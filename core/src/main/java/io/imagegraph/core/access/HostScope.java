package io.imagegraph.core.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build hosts one job may build on: the global ones and those of the folders it is in, the
 * nearest folder's winning for a name configured more than once. A host configured only on
 * folders the job is not in cannot be chosen by it (a team's Docker Engines, and their TLS client
 * credentials, stay the team's).
 */
public final class HostScope {

    /** A build host's name, and the full name of the folder it is configured on ("" for the global configuration). */
    public record Placed(String name, String folder) {

        boolean reaches(String job) {
            return folder.isEmpty() || job.startsWith(folder + "/");
        }
    }

    private final String job;
    private final Map<String, Placed> visible;
    private final Map<String, List<String>> foreign;

    private HostScope(String job, Map<String, Placed> visible, Map<String, List<String>> foreign) {
        this.job = job;
        this.visible = visible;
        this.foreign = foreign;
    }

    /**
     * @param job        the job's full name ({@code team-a/images})
     * @param configured every configured build host, global and on every folder
     */
    public static HostScope of(String job, List<Placed> configured) {
        Map<String, Placed> byName = new LinkedHashMap<>();
        configured.stream().filter(host -> host.reaches(job))
                .sorted(Comparator.comparingInt((Placed host) -> host.folder().length()).reversed())
                .forEach(host -> byName.putIfAbsent(host.name(), host));
        Map<String, Placed> ordered = new LinkedHashMap<>();
        configured.stream().filter(host -> byName.get(host.name()) == host).forEach(host -> ordered.put(host.name(), host));
        Map<String, List<String>> foreign = new TreeMap<>();
        configured.stream().filter(host -> !byName.containsKey(host.name()))
                .forEach(host -> foreign.computeIfAbsent(host.name(), ignored -> new ArrayList<>()).add(host.folder()));
        return new HostScope(job, ordered, foreign);
    }

    /** The hosts the job builds on when it names none: every one it may use, in the configuration's order. */
    public List<Placed> visible() {
        return List.copyOf(visible.values());
    }

    /**
     * The hosts these names choose, in the order given; no names: {@link #visible()}.
     *
     * @throws IllegalArgumentException naming the host and saying where it is configured, or that it is nowhere
     */
    public List<Placed> chosen(List<String> names) {
        if (names.isEmpty()) {
            return visible();
        }
        List<Placed> chosen = new ArrayList<>();
        for (String name : names) {
            Placed host = visible.get(name);
            if (host == null) {
                throw new IllegalArgumentException(refusal(name));
            }
            chosen.add(host);
        }
        return chosen;
    }

    private String refusal(String name) {
        List<String> folders = foreign.get(name);
        String usable = visible.isEmpty() ? "none" : String.join(", ", visible.keySet());
        if (folders == null) {
            return "no build host is named '" + name + "' in the global configuration or on a folder of the job '"
                    + job + "'; the hosts it may use are " + usable;
        }
        String where = folders.size() == 1 ? "the folder '" + folders.get(0) + "'"
                : "the folders '" + String.join("', '", folders) + "'";
        return "the build host " + name + " is configured on " + where + ", and the job '" + job + "' is not in "
                + (folders.size() == 1 ? "it" : "any of them") + ": use a host configured on the job's folders or"
                + " globally (" + usable + "), or move the job into " + where;
    }
}
