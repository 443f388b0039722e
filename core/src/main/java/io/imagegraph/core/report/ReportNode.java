package io.imagegraph.core.report;

import java.util.List;
import java.util.Optional;

/**
 * One node of the lineage picture: an image of the run, or an external base.
 *
 * @param id       unique in the picture: the image name, or {@code external:<reference>}
 * @param label    what the node is called on the picture
 * @param digest   the manifest digest (or image ID) the node stands for, when known
 * @param statuses every status it has, most telling first (never empty)
 * @param details  what the report shows of it beside the picture
 */
public record ReportNode(String id, String label, Optional<String> digest, List<NodeStatus> statuses,
                         ImageDetails details) {

    public ReportNode {
        statuses = List.copyOf(statuses);
    }

    public boolean isExternal() {
        return statuses.contains(NodeStatus.EXTERNAL);
    }

    /** The status that decides the node's colour. */
    public NodeStatus primary() {
        return statuses.get(0);
    }

    /** The first 12 hexadecimal characters of the digest, as people quote digests. */
    public String shortDigest() {
        return digest.map(d -> d.substring(d.indexOf(':') + 1, Math.min(d.length(), d.indexOf(':') + 13))).orElse("");
    }
}
