package io.imagegraph.core.kolla;

import io.imagegraph.core.kolla.KollaSettings.KollaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code users} Kolla's templates see ({@code users[name].uid}, {@code .gid}, {@code .group}):
 * the entries of Kolla's {@code kolla/common/users.py} ({@code 'keystone-user': {'uid': 42425,
 * 'gid': 42425}}, read as data, the group defaulting to the name as Kolla's config does), then the
 * graph file's.
 */
final class KollaUsers {

    private static final Pattern ENTRY = Pattern.compile(
            "'([A-Za-z0-9_.-]+)-user'\\s*:\\s*\\{([^}]*)}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("'(uid|gid|group)'\\s*:\\s*('([^']*)'|(\\d+))");

    private KollaUsers() {
    }

    static Map<String, Map<String, Object>> of(Path usersPy, Map<String, KollaUser> overrides) throws IOException {
        Map<String, Map<String, Object>> users = new LinkedHashMap<>();
        if (Files.isRegularFile(usersPy)) {
            Matcher entry = ENTRY.matcher(Files.readString(usersPy));
            while (entry.find()) {
                Map<String, Object> user = new LinkedHashMap<>();
                user.put("group", entry.group(1));
                Matcher field = FIELD.matcher(entry.group(2).replaceAll("#[^\n]*", ""));
                while (field.find()) {
                    user.put(field.group(1), field.group(3) != null ? field.group(3) : Integer.valueOf(field.group(4)));
                }
                users.put(entry.group(1), user);
            }
        }
        overrides.forEach((name, user) -> {
            Map<String, Object> merged = users.computeIfAbsent(name, n -> new LinkedHashMap<>(Map.of("group", n)));
            if (user.uid() != null) {
                merged.put("uid", user.uid());
            }
            if (user.gid() != null) {
                merged.put("gid", user.gid());
            }
            if (user.group() != null) {
                merged.put("group", user.group());
            }
        });
        return users;
    }
}
