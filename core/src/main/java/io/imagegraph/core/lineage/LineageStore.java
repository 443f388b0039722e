package io.imagegraph.core.lineage;

import java.io.IOException;
import java.util.List;

/**
 * Where lineage records are kept: a JSON-lines file by default ({@link JsonLinesLineageStore}),
 * under JENKINS_HOME in the plugin.
 */
public interface LineageStore {

    /** Appends records atomically with respect to other writers; nothing is written if it fails. */
    void append(List<LineageRecord> records) throws IOException;

    /** Every record, oldest first. */
    List<LineageRecord> records() throws IOException;

    /**
     * What a build needs of the records ({@link LineageCompaction#forBuilds()}), oldest first; the
     * default compacts every record, a store with an index reads it in time independent of history.
     */
    default List<LineageRecord> recent() throws IOException {
        return LineageCompaction.forBuilds().compact(List.of(), records());
    }
}
