package io.imagegraph.core.build;

import io.imagegraph.core.ref.TargetPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The platforms this machine's kernel runs binaries of: its own architecture, and each one a
 * binfmt_misc handler (Debian's qemu-user-static) is registered and enabled for with the F
 * (fix-binary) flag, without which the interpreter would have to be inside every image. The
 * architecture a handler runs is read from its ELF magic (class, byte order and {@code e_machine}).
 * A build for another platform is refused with a sentence saying how to enable it, instead of
 * producing a host-architecture image labelled for that platform.
 */
public final class HostPlatforms {

    /** Where the kernel shows its binfmt_misc handlers. */
    public static final Path BINFMT_MISC = Path.of("/proc/sys/fs/binfmt_misc");

    private final String nativeArchitecture;
    private final Path binfmt;

    private HostPlatforms(String nativeArchitecture, Path binfmt) {
        this.nativeArchitecture = nativeArchitecture;
        this.binfmt = binfmt;
    }

    /** This JVM's machine, with the kernel's binfmt_misc handlers. */
    public static HostPlatforms local() {
        return of(goArch(System.getProperty("os.arch")), BINFMT_MISC);
    }

    /** A machine of this architecture (GOARCH name) whose binfmt_misc handlers are in {@code binfmt}. */
    public static HostPlatforms of(String nativeArchitecture, Path binfmt) {
        return new HostPlatforms(nativeArchitecture, binfmt);
    }

    /** The machine's own platform: {@code linux/amd64} on x86-64. */
    public TargetPlatform nativePlatform() {
        return new TargetPlatform("linux", nativeArchitecture, Optional.empty());
    }

    /** Whether a platform is the machine's own (any variant of its architecture). */
    public boolean isNative(TargetPlatform platform) {
        return platform.os().equals("linux") && platform.architecture().equals(nativeArchitecture);
    }

    /**
     * Why {@code image} cannot be built for {@code platform} here, or empty when this machine runs
     * that platform's binaries (natively or through an enabled binfmt_misc handler with the F flag).
     */
    public Optional<String> refusal(String image, TargetPlatform platform) {
        if (isNative(platform)) {
            return Optional.empty();
        }
        String start = "image " + image + " cannot be built for " + platform + " on this machine ("
                + nativePlatform() + "): ";
        String enable = "; install Debian's qemu-user-static and binfmt-support (bin/lib/install-deps does, and"
                + " enables the handlers), or leave " + platform + " out of " + image + "'s platforms";
        if (!platform.os().equals("linux")) {
            return Optional.of(start + "only linux images can be built here; leave " + platform + " out of "
                    + image + "'s platforms");
        }
        if (!Files.exists(binfmt.resolve("status"))) {
            return Optional.of(start + "binfmt_misc is not mounted at " + binfmt + ", so no emulator can run "
                    + platform.architecture() + " binaries (mount -t binfmt_misc binfmt_misc " + binfmt + ")" + enable);
        }
        Map<String, Handler> handlers = handlers();
        Handler handler = handlers.get(platform.architecture());
        if (handler == null) {
            return Optional.of(start + "no binfmt_misc handler in " + binfmt + " runs " + platform.architecture()
                    + " binaries, so its RUN steps cannot run" + enable);
        }
        if (!handler.enabled()) {
            return Optional.of(start + "the binfmt_misc handler " + handler.name() + " for " + platform.architecture()
                    + " is disabled (update-binfmts --enable " + handler.name() + ")");
        }
        if (!handler.fixBinary()) {
            return Optional.of(start + "the binfmt_misc handler " + handler.name() + " is registered without the F"
                    + " (fix-binary) flag, so a container cannot reach its interpreter " + handler.interpreter()
                    + "; register it with F (Debian's qemu-user-static does)");
        }
        return Optional.empty();
    }

    /** One binfmt_misc handler for ELF binaries of an architecture. */
    private record Handler(String name, boolean enabled, boolean fixBinary, String interpreter) {
    }

    /** The ELF handlers, by the GOARCH name of the architecture they run; an enabled one wins. */
    private Map<String, Handler> handlers() {
        Map<String, Handler> found = new TreeMap<>();
        try (Stream<Path> entries = Files.list(binfmt)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("status") || name.equals("register")) {
                    continue;
                }
                read(entry).ifPresent(parsed -> {
                    Handler handler = parsed.getValue();
                    found.merge(parsed.getKey(), handler, (a, b) -> a.enabled() && a.fixBinary() ? a : b);
                });
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static Optional<Map.Entry<String, Handler>> read(Path entry) {
        List<String> lines;
        try {
            lines = Files.readAllLines(entry);
        } catch (IOException e) {
            return Optional.empty();
        }
        boolean enabled = lines.contains("enabled");
        String interpreter = "";
        String flags = "";
        String magic = "";
        String offset = "0";
        for (String line : lines) {
            if (line.startsWith("interpreter ")) {
                interpreter = line.substring("interpreter ".length()).strip();
            } else if (line.startsWith("flags:")) {
                flags = line.substring("flags:".length()).strip();
            } else if (line.startsWith("magic ")) {
                magic = line.substring("magic ".length()).strip();
            } else if (line.startsWith("offset ")) {
                offset = line.substring("offset ".length()).strip();
            }
        }
        if (!offset.equals("0") || magic.length() < 40 || !magic.startsWith("7f454c46")) {
            return Optional.empty();
        }
        byte[] header;
        try {
            header = HexFormat.of().parseHex(magic.substring(0, 40));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<String> arch = elfArchitecture(header[4], header[5], header[5] == 2
                ? ((header[18] & 0xff) << 8) | (header[19] & 0xff) : ((header[19] & 0xff) << 8) | (header[18] & 0xff));
        String name = entry.getFileName().toString();
        String interp = interpreter;
        boolean fix = flags.contains("F");
        return arch.map(a -> Map.entry(a, new Handler(name, enabled, fix, interp)));
    }

    /** The GOARCH name of an ELF class (1: 32 bit, 2: 64 bit), byte order (1: little, 2: big) and machine. */
    static Optional<String> elfArchitecture(int elfClass, int byteOrder, int machine) {
        boolean wide = elfClass == 2;
        boolean little = byteOrder == 1;
        String arch = switch (machine) {
            case 3 -> wide ? null : "386";
            case 62 -> wide ? "amd64" : null;
            case 183 -> wide ? "arm64" : null;
            case 40 -> wide ? null : little ? "arm" : null;
            case 22 -> wide && !little ? "s390x" : null;
            case 21 -> wide ? little ? "ppc64le" : "ppc64" : null;
            case 243 -> wide ? "riscv64" : null;
            case 8 -> wide ? little ? "mips64le" : "mips64" : little ? "mipsle" : "mips";
            case 258 -> wide ? "loong64" : null;
            default -> null;
        };
        return Optional.ofNullable(arch);
    }

    /** The GOARCH name of a JVM's {@code os.arch}. */
    static String goArch(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case "arm" -> "arm";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
    }
}
