package io.anju.cases.people;

import io.anju.cases.model.CaseException;
import io.anju.cases.notify.Recipient;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person the case system can reach.
 *
 * @param name        unique id ({@code [A-Za-z0-9._-]}, up to 64): named in rotas, audit entries and links
 * @param displayName how people are addressed, e.g. 王丽
 * @param phone       for SMS / voice; may be null
 * @param language    {@code zh} (default) or {@code en}: the language of what this person reads
 * @param channels    preferred channels, most preferred first (sms, wecom, dingtalk, webhook, sse)
 * @param userName    the user account of this person, when they also sign in; may be null
 * @param enabled     a disabled contact is skipped and the rota's fallback stands in
 */
public record Contact(String name, String displayName, String phone, String language, List<String> channels,
                      String userName, boolean enabled) {

    public static final Set<String> LANGUAGES = Set.of("zh", "en");
    public static final Set<String> CHANNELS = Set.of("sms", "wecom", "dingtalk", "webhook", "sse");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{4,19}");

    public Contact {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CaseException.invalid("contact name must be 1-64 letters, digits, '.', '_' or '-' (was '" + name + "')");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw CaseException.invalid("contact " + name + " needs a displayName of 1-100 characters");
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw CaseException.invalid("contact " + name + ": phone must be digits, optionally with + and spaces (was '"
                    + phone + "')");
        }
        language = language == null ? "zh" : language;
        if (!LANGUAGES.contains(language)) {
            throw CaseException.invalid("contact " + name + ": language must be zh or en (was '" + language + "')");
        }
        channels = List.copyOf(channels == null ? List.of() : channels);
        for (String c : channels) {
            if (!CHANNELS.contains(c)) {
                throw CaseException.invalid("contact " + name + ": unknown channel '" + c + "' (one of "
                        + CHANNELS.stream().sorted().toList() + ")");
            }
        }
        if (channels.stream().distinct().count() != channels.size()) {
            throw CaseException.invalid("contact " + name + ": a channel is listed twice in " + channels);
        }
        if (channels.contains("sms") && phone == null) {
            throw CaseException.invalid("contact " + name + " prefers sms but has no phone");
        }
    }

    /** How a notice names this person (the shape channel adapters read). */
    public Recipient recipient() {
        return new Recipient(name, displayName, phone, language, channels);
    }
}
