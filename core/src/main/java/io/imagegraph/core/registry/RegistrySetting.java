package io.imagegraph.core.registry;

import io.imagegraph.core.ref.InvalidReferenceException;
import io.imagegraph.core.ref.RegistryHost;
import java.util.Locale;

/**
 * A registry as an administrator configures it (the plugin's global configuration): written as
 * {@code host[:port]} or as a URL, {@code https://quay.io} or {@code http://registry.lan:5000}
 * (plain HTTP, which a loopback host always gets).
 *
 * @param host      the registry host, as image references name it
 * @param kind      Docker Registry v2 or Quay
 * @param plainHttp whether it is spoken to over plain HTTP
 */
public record RegistrySetting(RegistryHost host, RegistryKind kind, boolean plainHttp) {

    /**
     * @throws IllegalArgumentException saying what is wrong with the text, and how to write it
     */
    public static RegistrySetting parse(String url, RegistryKind kind) {
        String text = url == null ? "" : url.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("give the registry, such as quay.io or https://registry.example.com");
        }
        boolean plain = false;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            plain = true;
            text = text.substring("http://".length());
        } else if (lower.startsWith("https://")) {
            text = text.substring("https://".length());
        } else if (text.contains("://")) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL");
        }
        if (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.contains("/")) {
            throw new IllegalArgumentException("'" + url + "' has a path; give the registry alone (such as quay.io):"
                    + " the organization or namespace goes into the graph file's 'namespace'");
        }
        try {
            RegistryHost host = RegistryHost.parse(text);
            return new RegistrySetting(host, kind, plain || RegistryEndpoint.isLoopback(host));
        } catch (InvalidReferenceException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
