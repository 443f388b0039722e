package io.imagegraph.core.build;

import java.util.regex.Pattern;

/**
 * The legacy builder colours a step's stderr ({@code ESC[91m ... ESC[0m}); a failure's reason is
 * a sentence for the report, so those codes are taken out of the output before it is read.
 */
final class TerminalColours {

    private static final Pattern CODE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

    private TerminalColours() {
    }

    static String strip(String text) {
        return CODE.matcher(text).replaceAll("");
    }
}
