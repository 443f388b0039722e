package io.imagegraph.core.quota;

/**
 * One entry of the graph file's {@code quotas} list, as written: a namespace or a repository
 * ({@code registry/path}) and its limits.
 *
 * @param namespace  {@code registry/namespace}: every repository under it counts
 * @param repository {@code registry/repository}: that repository alone
 * @param bytes      the most unique layer bytes it may hold ({@code 2GiB})
 * @param tags       the most tags it may hold
 */
public record QuotaEntry(String namespace, String repository, String bytes, Integer tags) {

    public QuotaEntry {
        Quota.of(namespace, repository, bytes, tags);
    }

    public Quota quota() {
        return Quota.of(namespace, repository, bytes, tags);
    }
}
