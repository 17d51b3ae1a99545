package io.anju.cases.auth.cli;

import java.security.SecureRandom;
import java.util.Map;

/**
 * Where a new password comes from: --password, else {@code ANJU_USER_PASSWORD}, else a generated one that is printed
 * once (20 characters from 57 unambiguous letters and digits: about 116 bits).
 */
abstract class PasswordSource {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 20;

    private Map<String, String> env = Map.of();

    void environment(Map<String, String> env) {
        this.env = env;
    }

    /** The password to set, and whether it was generated (and so must be shown). */
    record Chosen(String password, boolean generated) {
    }

    Chosen choose(String given) {
        if (given != null) {
            return new Chosen(given, false);
        }
        String fromEnv = env.get(UserCommand.PASSWORD_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new Chosen(fromEnv, false);
        }
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new Chosen(b.toString(), true);
    }
}
