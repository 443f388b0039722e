package io.imagegraph.core.registry;

import io.imagegraph.core.ref.Digest;
import java.util.regex.Pattern;

/** Checks a manifest reference, a tag or a digest, before it goes into a URL or a file name. */
final class References {

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private References() {
    }

    static String check(String reference) {
        if (reference != null && (TAG.matcher(reference).matches() || isDigest(reference))) {
            return reference;
        }
        throw new IllegalArgumentException("'" + reference + "' is neither a tag (letters, digits, _ . -, at most"
                + " 128, not starting with . or -) nor a digest (sha256:<64 hex digits>)");
    }

    static String checkTag(String tag) {
        if (tag != null && TAG.matcher(tag).matches()) {
            return tag;
        }
        throw new IllegalArgumentException("'" + tag + "' is not a tag: use letters, digits, _ . and -, at most 128,"
                + " not starting with . or -");
    }

    static boolean isDigest(String reference) {
        if (reference == null || !reference.contains(":")) {
            return false;
        }
        try {
            Digest.of(reference);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
