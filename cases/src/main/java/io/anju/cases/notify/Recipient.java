package io.anju.cases.notify;

import java.util.List;

/**
 * A person a notice is addressed to, as channel adapters read it from the notice's {@code recipients}:
 * {@code {"name","displayName","phone","language","channels"}}.
 *
 * @param name        the contact's id
 * @param displayName how to address them
 * @param phone       for SMS / voice; null when unknown
 * @param language    {@code zh} or {@code en}
 * @param channels    preferred channels, most preferred first
 */
public record Recipient(String name, String displayName, String phone, String language, List<String> channels) {

    public Recipient {
        channels = List.copyOf(channels);
    }
}
