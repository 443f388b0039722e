package io.imagegraph.core.graph;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code mirrors} section of the graph file: the package mirrors and proxy every build is
 * given, as the build args Kolla's and LOCI's users set ({@code APT_MIRROR}, {@code PIP_INDEX_URL}
 * with {@code PIP_TRUSTED_HOST} for a plain-HTTP index, and {@code http_proxy}, {@code https_proxy},
 * {@code no_proxy} in both cases). They are not inputs of an image: a mirror serves the same
 * packages, so changing it does not change input digests.
 *
 * @param apt     the Debian/Ubuntu mirror URL, as {@code APT_MIRROR}
 * @param pip     the pip index URL, as {@code PIP_INDEX_URL}
 * @param proxy   the HTTP(S) proxy URL, as {@code http_proxy} and {@code https_proxy}
 * @param noProxy hosts the proxy is not used for, as {@code no_proxy}
 */
public record MirrorsSection(String apt, String pip, String proxy, String noProxy) {

    public MirrorsSection {
        checkUrl("apt", apt);
        checkUrl("pip", pip);
        checkUrl("proxy", proxy);
    }

    public static MirrorsSection none() {
        return new MirrorsSection(null, null, null, null);
    }

    /** The build args every build gets, sorted by name. */
    public SortedMap<String, String> buildArgs() {
        SortedMap<String, String> args = new TreeMap<>();
        if (apt != null) {
            args.put("APT_MIRROR", apt);
        }
        if (pip != null) {
            args.put("PIP_INDEX_URL", pip);
            URI uri = URI.create(pip);
            if ("http".equals(uri.getScheme())) {
                args.put("PIP_TRUSTED_HOST", uri.getHost());
            }
        }
        if (proxy != null) {
            for (String name : new String[] {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"}) {
                args.put(name, proxy);
            }
        }
        if (noProxy != null) {
            args.put("no_proxy", noProxy);
            args.put("NO_PROXY", noProxy);
        }
        return Collections.unmodifiableSortedMap(args);
    }

    private static void checkUrl(String key, String value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw new IllegalArgumentException("mirrors." + key + " must be an http:// or https:// URL, not '" + value + "'");
    }
}
