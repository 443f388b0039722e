package io.imagegraph.core.track;

/**
 * An image running somewhere: environment {@code prod} runs {@code keystone} at this digest,
 * since this time. The latest record per environment and repository is what is in use there.
 *
 * @param environment where it runs ({@code prod}, {@code staging}, a cluster's name)
 * @param repository  {@code registry/namespace/name}
 * @param digest      the manifest digest deployed
 * @param time        when it was recorded (ISO-8601)
 * @param by          who recorded it
 */
public record DeploymentRecord(String environment, String repository, String digest, String time, String by) {
}
