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
}
