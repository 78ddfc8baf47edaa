package org.twinstudio.connect;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where user names and passwords come from. Models only name a {@code credentialKey}; the secret lives in the
 * environment (CLI, CI) or in the IDE's secure storage, never in a model file.
 */
@FunctionalInterface
public interface Credentials {

    Optional<UserPassword> lookup(String key);

    record UserPassword(String user, char[] password) {
        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", password=***]";
        }
    }

    Credentials NONE = key -> Optional.empty();

    /**
     * Reads {@code TWINSTUDIO_CREDENTIAL_<KEY>_USER} and {@code TWINSTUDIO_CREDENTIAL_<KEY>_PASSWORD}, where KEY is the
     * credential key in upper case with every other character than letters and digits replaced by {@code _}.
     */
    static Credentials fromEnvironment() {
        return fromMap(System.getenv());
    }

    /** As {@link #fromEnvironment()} over the given variables (for tests and embedding). */
    static Credentials fromMap(Map<String, String> variables) {
        return key -> {
            if (key == null || key.isBlank()) {
                return Optional.empty();
            }
            String prefix = "TWINSTUDIO_CREDENTIAL_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            String user = variables.get(prefix + "_USER");
            String password = variables.get(prefix + "_PASSWORD");
            if (user == null || password == null) {
                return Optional.empty();
            }
            return Optional.of(new UserPassword(user, password.toCharArray()));
        };
    }
}
