package io.imagegraph.core.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Static Linux executables that write "hello" and exit 0, for x86-64 and aarch64: one ELF header,
 * one loadable segment, a write and an exit system call. They let an image {@code FROM scratch}
 * have a RUN step on either platform (the aarch64 one runs through qemu-user-static), and let a
 * test tell which architecture a pushed layer really holds.
 */
public final class HelloElf {

    /** ELF {@code e_machine} of x86-64. */
    public static final int X86_64 = 62;
    /** ELF {@code e_machine} of aarch64. */
    public static final int AARCH64 = 183;

    private static final long BASE = 0x400000;
    private static final int HEADERS = 64 + 56;

    private HelloElf() {
    }

    /** Writes the executable for a GOARCH name ({@code amd64} or {@code arm64}). */
    public static void write(String architecture, Path file) throws IOException {
        byte[] elf = switch (architecture) {
            case "amd64" -> elf(X86_64, amd64());
            case "arm64" -> elf(AARCH64, arm64());
            default -> throw new IllegalArgumentException("no hello for " + architecture);
        };
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, elf);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The {@code e_machine} of an ELF file's bytes. */
    public static int machine(byte[] elf) {
        if (elf.length < 20 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F') {
            throw new IllegalArgumentException("not an ELF file");
        }
        return ByteBuffer.wrap(elf, 18, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
    }

    private static byte[] amd64() {
        // mov eax,1; mov edi,1; lea rsi,[rip+16]; mov edx,6; syscall; mov eax,60; xor edi,edi; syscall
        return concat(hex("b801000000bf01000000488d3510000000ba060000000f05b83c00000031ff0f05"), message());
    }

    private static byte[] arm64() {
        // mov x0,#1; adr x1,msg; mov x2,#6; mov x8,#64 (write); svc 0; mov x0,#0; mov x8,#93 (exit); svc 0
        int[] code = {0xD2800020, 0x100000E1, 0xD28000C2, 0xD2800808, 0xD4000001, 0xD2800000, 0xD2800BA8, 0xD4000001};
        ByteBuffer buffer = ByteBuffer.allocate(code.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int instruction : code) {
            buffer.putInt(instruction);
        }
        return concat(buffer.array(), message());
    }

    private static byte[] elf(int machine, byte[] code) {
        int total = HEADERS + code.length;
        ByteBuffer elf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        elf.putShort((short) 2).putShort((short) machine).putInt(1).putLong(BASE + HEADERS).putLong(64).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        elf.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE).putLong(total).putLong(total).putLong(0x1000);
        elf.put(code);
        return elf.array();
    }

    private static byte[] message() {
        return "hello\n".getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hex(String text) {
        return java.util.HexFormat.of().parseHex(text);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
