package io.imagegraph.core.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request to a registry, as an endpoint describes it: method, path under the registry, extra
 * headers, body, the token scopes it needs, the statuses it accepts as answers (anything else is
 * an error), and what it does, in words, for messages ("push manifest acme/base:test").
 *
 * <p>A large body is sent from a file ({@code bodyFile}), read again from the start for each
 * attempt; a large answer is written to a file ({@code responseFile}) when its status is 200, so
 * that neither is held in memory.
 */
record RegistryCall(String method, String path, Map<String, String> headers, byte[] body, Path bodyFile,
                    Path responseFile, List<String> scopes, Set<Integer> accepted, String action) {

    RegistryCall {
        headers = Map.copyOf(headers);
        scopes = List.copyOf(scopes);
        accepted = Set.copyOf(accepted);
    }

    static RegistryCall of(String method, String path, String scope, String action, Integer... accepted) {
        return new RegistryCall(method, path, Map.of(), null, null, null,
                scope == null ? List.of() : List.of(scope), Set.of(accepted), action);
    }

    RegistryCall withHeaders(Map<String, String> more) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.putAll(more);
        return new RegistryCall(method, path, all, body, bodyFile, responseFile, scopes, accepted, action);
    }

    RegistryCall withBody(byte[] content) {
        return new RegistryCall(method, path, headers, content, null, responseFile, scopes, accepted, action);
    }

    RegistryCall withBodyFrom(Path file) {
        return new RegistryCall(method, path, headers, null, file, responseFile, scopes, accepted, action);
    }

    RegistryCall withResponseTo(Path file) {
        return new RegistryCall(method, path, headers, body, bodyFile, file, scopes, accepted, action);
    }

    RegistryCall withScopes(List<String> more) {
        return new RegistryCall(method, path, headers, body, bodyFile, responseFile, more, accepted, action);
    }

    static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    static String push(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    static String delete(String repository) {
        return "repository:" + repository + ":delete";
    }
}
