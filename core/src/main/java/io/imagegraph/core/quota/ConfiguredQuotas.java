package io.imagegraph.core.quota;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Quotas an administrator sets outside the graph file (the plugin's global configuration and
 * folder property), written as the graph file's {@code quotas} list is:
 * <pre>
 * - namespace: quay.io/acme
 *   bytes: 50GiB
 * - repository: quay.io/acme/keystone
 *   tags: 100
 * </pre>
 * A promotion honours them together with the graph file's: every quota that covers a repository applies.
 */
public final class ConfiguredQuotas {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ConfiguredQuotas() {
    }

    /**
     * @param text  the list, as YAML; blank for none
     * @param where where it was written, for the message ({@code the global configuration})
     * @throws IllegalArgumentException saying what is wrong, and where
     */
    public static List<Quota> parse(String text, String where) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<QuotaEntry> entries;
        try {
            entries = YAML.readValue(text, new TypeReference<List<QuotaEntry>>() { });
        } catch (JsonProcessingException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("the quotas of " + where + ": " + reason + "; write a list as the graph"
                    + " file's quotas (- namespace: quay.io/acme, bytes: 50GiB, tags: 2000)");
        }
        List<Quota> quotas = new ArrayList<>();
        for (QuotaEntry entry : entries == null ? List.<QuotaEntry>of() : entries) {
            if (entry == null) {
                throw new IllegalArgumentException("the quotas of " + where + " have an empty entry");
            }
            quotas.add(entry.quota());
        }
        return List.copyOf(quotas);
    }

    /** Every quota of the lists, in order. */
    @SafeVarargs
    public static List<Quota> joined(List<Quota>... lists) {
        List<Quota> all = new ArrayList<>();
        for (List<Quota> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
