package io.imagegraph.core.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DER bytes inside one PEM block of a file ({@code -----BEGIN PRIVATE KEY-----}). */
final class PemFile {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private PemFile() {
    }

    /** The first block labelled {@code label}; the message names the file and the labels it holds instead. */
    static byte[] read(Path file, String label) throws KeyFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyFileException("cannot read the key file " + file + " (" + e.getMessage() + ")");
        }
        return parse(text, file.toString(), label);
    }

    /**
     * The first block labelled {@code label} of a key given as bytes (a Jenkins file credential);
     * {@code source} names it in messages.
     */
    static byte[] parse(byte[] content, String source, String label) throws KeyFileException {
        return parse(new String(content, StandardCharsets.US_ASCII), source, label);
    }

    private static byte[] parse(String text, String file, String label) throws KeyFileException {
        Matcher block = BLOCK.matcher(text);
        StringBuilder labels = new StringBuilder();
        while (block.find()) {
            if (block.group(1).equals(label)) {
                try {
                    return Base64.getMimeDecoder().decode(block.group(2).trim());
                } catch (IllegalArgumentException e) {
                    throw new KeyFileException("the " + label + " block of " + file + " is not base64");
                }
            }
            labels.append(labels.isEmpty() ? "" : ", ").append(block.group(1));
        }
        throw new KeyFileException(file + " holds no '" + label + "' PEM block (it holds: "
                + (labels.isEmpty() ? "no PEM block" : labels) + ")" + hint(label, labels.toString()));
    }

    private static String hint(String label, String found) {
        if (label.equals("PRIVATE KEY") && found.contains("EC PRIVATE KEY")) {
            return "; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8";
        }
        return "";
    }
}
