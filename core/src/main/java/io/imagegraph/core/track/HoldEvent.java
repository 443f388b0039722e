package io.imagegraph.core.track;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A digest was held back from promotion, or released again.
 *
 * @param digest the manifest digest (often a base image's)
 * @param held   true to hold, false to release
 * @param reason why, in words (a CVE, a bad release)
 * @param time   when (ISO-8601)
 * @param by     who asked, when known
 * @param source where the hold came from: {@code manual}, or the scanner report's file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HoldEvent(String digest, boolean held, String reason, String time, String by, String source) {
}
