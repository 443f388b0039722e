package io.imagegraph.core.graph;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a deployment sets for an image besides the image itself, kept beside it in the graph file
 * rather than baked into it: environment, ports and labels. They are not inputs of the build (the
 * input digest leaves them out); {@code imagegraph overrides} emits them with the pinned references.
 *
 * @param env    environment variables
 * @param ports  ports the deployment exposes, {@code 8080} or {@code 8080/tcp}, {@code 53/udp}
 * @param labels labels (Kubernetes or compose labels) for what runs the image
 */
public record ImageMetadata(Map<String, String> env, List<String> ports, Map<String, String> labels) {

    private static final Pattern PORT = Pattern.compile("\\d{1,5}(/(tcp|udp|sctp))?");

    public ImageMetadata {
        env = env == null ? Map.of() : YamlValues.strings(env);
        ports = ports == null ? List.of() : YamlValues.list(ports, "metadata.ports");
        labels = labels == null ? Map.of() : YamlValues.strings(labels);
        for (String port : ports) {
            if (!PORT.matcher(port).matches() || Integer.parseInt(port.split("/")[0]) > 65535) {
                throw new IllegalArgumentException("'" + port + "' is not a port; write 8080, 8080/tcp or 53/udp");
            }
        }
    }

    public static ImageMetadata none() {
        return new ImageMetadata(null, null, null);
    }

    public boolean isEmpty() {
        return env.isEmpty() && ports.isEmpty() && labels.isEmpty();
    }
}
