package io.imagegraph.core.upstream;

/**
 * When a watch was last polled: the {@code upstream-polls} journal keeps one per watch.
 *
 * @param watch the watch's key
 * @param time  when (ISO-8601)
 */
public record UpstreamPoll(String watch, String time) {
}
