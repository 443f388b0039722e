package io.imagegraph.core.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key pairs made the way a user makes them, with openssl: {@code genpkey} for the private key
 * (PKCS#8 PEM) and {@code pkey -pubout} for the public key.
 */
public final class TestKeys {

    /** The private and public key files of one pair. */
    public record Pair(Path privateKey, Path publicKey) {
    }

    private TestKeys() {
    }

    public static Pair ecdsa(Path directory, String name) throws IOException, InterruptedException {
        return make(directory, name, List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"));
    }

    public static Pair ed25519(Path directory, String name) throws IOException, InterruptedException {
        return make(directory, name, List.of("-algorithm", "ed25519"));
    }

    /** Any openssl genpkey arguments, such as another curve. */
    public static Pair make(Path directory, String name, List<String> algorithm) throws IOException, InterruptedException {
        Path privateKey = directory.resolve(name + ".key");
        Path publicKey = directory.resolve(name + ".pub");
        List<String> generate = new java.util.ArrayList<>(List.of("openssl", "genpkey"));
        generate.addAll(algorithm);
        generate.addAll(List.of("-out", privateKey.toString()));
        run(generate);
        run(List.of("openssl", "pkey", "-in", privateKey.toString(), "-pubout", "-out", publicKey.toString()));
        return new Pair(privateKey, publicKey);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
