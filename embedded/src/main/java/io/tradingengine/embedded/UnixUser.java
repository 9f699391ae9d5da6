package io.tradingengine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A local Unix account, as read from {@code /etc/passwd}. */
record UnixUser(String name, int uid, int gid) {

    private static final Path PASSWD = Path.of("/etc/passwd");

    /** True when this JVM runs with effective uid 0, where PostgreSQL refuses to start. */
    static boolean currentIsRoot() {
        try {
            // /proc/self belongs to the effective uid of the reading process.
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The account called {@code name}, from {@code /etc/passwd}. */
    static UnixUser lookup(String name) {
        try {
            return parse(Files.readAllLines(PASSWD, StandardCharsets.UTF_8), name).orElseThrow(
                    () -> new IllegalStateException("no user '" + name + "' in " + PASSWD));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PASSWD, e);
        }
    }

    static Optional<UnixUser> parse(List<String> passwdLines, String name) {
        return passwdLines.stream()
                .map(line -> line.split(":", -1))
                .filter(fields -> fields.length >= 4 && fields[0].equals(name))
                .findFirst()
                .map(fields -> new UnixUser(fields[0], Integer.parseInt(fields[2]), Integer.parseInt(fields[3])));
    }

    /**
     * True when this user can reach {@code path} through the ordinary permission bits, that is when every directory
     * above it (and the path itself, if it is a directory) grants it search ({@code x}) permission.
     */
    boolean canTraverse(Path path) throws IOException {
        for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir) && !mayExecute(Files.readAttributes(dir, "unix:uid,gid,mode"))) {
                return false;
            }
        }
        return true;
    }

    private boolean mayExecute(Map<String, Object> attributes) {
        int mode = (Integer) attributes.get("mode");
        if ((Integer) attributes.get("uid") == uid) {
            return (mode & 0100) != 0;
        }
        if ((Integer) attributes.get("gid") == gid) {
            return (mode & 0010) != 0;
        }
        return (mode & 0001) != 0;
    }
}
