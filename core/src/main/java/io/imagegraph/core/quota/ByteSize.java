package io.imagegraph.core.quota;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A number of bytes as people write it ({@code 500MiB}, {@code 2GiB}, {@code 10GB}, {@code 1048576}), and back. */
public final class ByteSize {

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kKMGT]i?B|B)?");

    private ByteSize() {
    }

    /** @throws IllegalArgumentException naming the text and the forms it takes */
    public static long parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text.strip());
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes, or a number with KB, MB,"
                    + " GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), such as 500MiB");
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
        double factor = switch (unit) {
            case "B" -> 1;
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            default -> 1L << 40;
        };
        return Math.round(Double.parseDouble(matcher.group(1)) * factor);
    }

    /** {@code 1.5 GiB}, {@code 320 KiB}, {@code 12 B}. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
