package io.imagegraph.core.build;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Optional;

/** The build-host fields of a build report's JSON (docs/scale-out.md). */
final class HostsReportJson {

    private HostsReportJson() {
    }

    /** An image's {@code host}, {@code parentPullMillis} and {@code pulledParents}. */
    static void placement(JsonGenerator json, Optional<HostsReport.Placement> placement) throws IOException {
        json.writeStringField("host", placement.map(HostsReport.Placement::host).orElse(null));
        if (placement.isPresent()) {
            json.writeNumberField("parentPullMillis", placement.get().parentPull().toMillis());
            json.writeArrayFieldStart("pulledParents");
            for (String parent : placement.get().pulledParents()) {
                json.writeString(parent);
            }
            json.writeEndArray();
        }
    }

    /** The run's {@code buildHosts} and {@code hostsDown}, each down host with why and the images it lost. */
    static void hosts(JsonGenerator json, HostsReport hosts) throws IOException {
        json.writeArrayFieldStart("buildHosts");
        for (String host : hosts.hosts()) {
            json.writeString(host);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("hostsDown");
        for (HostScheduler.HostDown down : hosts.down()) {
            json.writeStartObject();
            json.writeStringField("host", down.host());
            json.writeStringField("reason", down.reason());
            json.writeArrayFieldStart("lostImages");
            for (String image : down.lostTasks()) {
                json.writeString(image);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
