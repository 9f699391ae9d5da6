package io.tradingengine.app;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What one engine process does; {@code dev} runs them all, {@code run --roles} picks. */
public enum Role {
    STREAMS, API, INGEST, SINK;

    public static Set<Role> parse(List<String> names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown role '" + name + "'; roles are streams, api, ingest, sink");
            }
        }
        return roles;
    }
}
