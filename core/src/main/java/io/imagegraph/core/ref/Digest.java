package io.imagegraph.core.ref;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:4f0c...}: an algorithm and its lowercase hex encoding. */
public final class Digest implements Comparable<Digest> {

    private static final Pattern FORM = Pattern.compile(
            "[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

    private final String algorithm;
    private final String encoded;

    private Digest(String algorithm, String encoded) {
        this.algorithm = algorithm;
        this.encoded = encoded;
    }

    /** Parses {@code algorithm:encoded}; sha256 and sha512 must be lowercase hex of their length. */
    public static Digest of(String text) {
        if (text == null || !FORM.matcher(text).matches()) {
            throw new InvalidReferenceException(String.valueOf(text),
                    "digest (expected algorithm:hex, such as sha256:<64 hex digits>)");
        }
        int colon = text.indexOf(':');
        String algorithm = text.substring(0, colon);
        String encoded = text.substring(colon + 1);
        if (algorithm.equals("sha256") && !SHA256_HEX.matcher(encoded).matches()) {
            throw new InvalidReferenceException(text, "sha256 digest (expected 64 lowercase hex digits)");
        }
        if (algorithm.equals("sha512") && !SHA512_HEX.matcher(encoded).matches()) {
            throw new InvalidReferenceException(text, "sha512 digest (expected 128 lowercase hex digits)");
        }
        return new Digest(algorithm, encoded);
    }

    /** The sha256 digest of these bytes. */
    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
    }

    /** The sha256 digest of a file's bytes, read in pieces (a layer may be gigabytes). */
    public static Digest sha256(Path file) throws IOException {
        MessageDigest sha256 = newSha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
            }
        }
        return fromSha256(sha256);
    }

    /** The sha256 digest of this text's UTF-8 bytes. */
    public static Digest sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps a finished sha256 {@link MessageDigest} as a digest. */
    public static Digest fromSha256(MessageDigest finished) {
        return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
    }

    /** A fresh SHA-256 hasher; every JVM is required to provide one. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    public String algorithm() {
        return algorithm;
    }

    public String encoded() {
        return encoded;
    }

    /** The first 12 hex digits, as {@code docker images} shows them. */
    public String shortForm() {
        return encoded.substring(0, Math.min(12, encoded.length()));
    }

    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest other && algorithm.equals(other.algorithm) && encoded.equals(other.encoded);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + encoded.hashCode();
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
