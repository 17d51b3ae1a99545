package io.anju.common.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The options every command with a settings table takes: {@code --config FILE}, {@code --set key=value} and
 * {@code --settings}. A picocli mixin, shared by {@link ServiceCommand} and one-shot commands such as the job jar's.
 */
public final class SettingsOptions {
    @Option(names = "--config", description = "Properties file with settings (see --settings).")
    private Path configFile;
    @Option(names = "--set", description = "Any setting as key=value; repeatable.", mapFallbackValue = "")
    private Map<String, String> set = new LinkedHashMap<>();
    @Option(names = "--settings", description = "Print every setting with its default and exit.")
    private boolean printSettings;

    public Optional<Path> configFile() {
        return Optional.ofNullable(configFile);
    }

    /** The {@code --set} values, in a map the caller may add its flags to. */
    public Map<String, String> overrides() {
        return new LinkedHashMap<>(set);
    }

    public boolean printSettings() {
        return printSettings;
    }

    /** Puts {@code value} under {@code key} when its flag was given (not null). */
    public static void putIf(Map<String, String> overrides, String key, Object value) {
        if (value != null) {
            overrides.put(key, value.toString());
        }
    }

    /**
     * Puts every option of {@code spec} (its mixins' among them) marked {@link SettingKey} that was given into
     * {@code overrides} under its setting: a list joined by {@code ,}, a map as {@code key=value} joined by {@code ;}.
     */
    public static void putFlags(CommandSpec spec, Map<String, String> overrides) {
        for (OptionSpec option : spec.options()) {
            if (option.userObject() instanceof Field field && field.isAnnotationPresent(SettingKey.class)) {
                putIf(overrides, field.getAnnotation(SettingKey.class).value(), settingValue(option.getValue()));
            }
        }
    }

    private static Object settingValue(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
        }
        return value;
    }
}
