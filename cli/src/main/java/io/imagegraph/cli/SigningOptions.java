package io.imagegraph.cli;

import io.imagegraph.core.provenance.AttestationPublisher;
import io.imagegraph.core.provenance.Attested;
import io.imagegraph.core.provenance.KeyFileException;
import io.imagegraph.core.provenance.SigningKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The key that signs the attestations a build or a test run pushes: a PEM file named on the
 * command line or in IMAGEGRAPH_SIGNING_KEY_FILE; the key itself never is on the command line.
 */
final class SigningOptions {

    static final String KEY_FILE_VARIABLE = "IMAGEGRAPH_SIGNING_KEY_FILE";

    @Option(names = "--sign-key", paramLabel = "FILE",
            description = "Sign an in-toto attestation of every pushed image with this private key (PEM, PKCS#8,"
                    + " ECDSA P-256 or Ed25519) and push it beside the image (OCI 1.1 subject: the referrers API,"
                    + " else the sha256-<hex> tag). Default: the file $" + KEY_FILE_VARIABLE + " names, if set.")
    Path keyFile;

    /** The publisher, when a key was given; a key file that cannot be used is bad input. */
    Optional<AttestationPublisher> publisher() throws BadInputException {
        Path file = keyFile != null ? keyFile : Optional.ofNullable(System.getenv(KEY_FILE_VARIABLE))
                .filter(name -> !name.isBlank()).map(Path::of).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AttestationPublisher(SigningKey.read(file), Clock.systemUTC()));
        } catch (KeyFileException e) {
            throw new BadInputException("--sign-key: " + e.getMessage());
        }
    }

    /** Prints one line per attestation to {@code err}; true when every one was pushed. */
    static boolean report(List<Attested> attested, PrintWriter err) {
        attested.forEach(result -> err.println("imagegraph: " + result.line()));
        err.flush();
        return attested.stream().allMatch(Attested::pushed);
    }

    /** image-graph's version, as the attestations name it. */
    static String version() {
        try {
            return new VersionProvider().getVersion()[0].replaceFirst("^imagegraph ", "");
        } catch (java.io.IOException e) {
            return "(unknown version)";
        }
    }
}
