package io.anju.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The parsed values of a service's settings table. Values come from the defaults, then an optional properties file,
 * then {@code ANJU_*} environment variables, then command-line overrides; every value is validated when loaded,
 * with an error naming the setting. The same table renders the documentation (markdown and an example file).
 */
public final class ConfigValues {
    private final Map<String, Object> values;

    private ConfigValues(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Loads {@code settings}: defaults, then {@code propertiesFile}, then variables of {@code env}, then
     * {@code overrides}. Unknown keys in the file or overrides and out-of-bounds values fail with an
     * {@link IllegalArgumentException} naming the setting.
     */
    public static ConfigValues load(List<Setting> settings, Optional<Path> propertiesFile, Map<String, String> env,
                                    Map<String, String> overrides) {
        return load(settings, "ANJU_", propertiesFile, env, overrides);
    }

    /** As {@link #load(List, Optional, Map, Map)}, with the service's own environment prefix (e.g. {@code ANJU_CASES_}). */
    public static ConfigValues load(List<Setting> settings, String envPrefix, Optional<Path> propertiesFile,
                                    Map<String, String> env, Map<String, String> overrides) {
        Map<String, Setting> byKey = new LinkedHashMap<>();
        settings.forEach(s -> byKey.put(s.key(), s));
        Map<String, String> raw = new LinkedHashMap<>();
        for (Setting s : settings) {
            raw.put(s.key(), s.defaultValue());
        }
        propertiesFile.ifPresent(file -> readProperties(file).forEach((k, v) -> putKnown(byKey, raw, k, v, file.toString())));
        for (Setting s : settings) {
            String v = env.get(s.envName(envPrefix));
            if (v != null) {
                raw.put(s.key(), v);
            }
        }
        overrides.forEach((k, v) -> putKnown(byKey, raw, k, v, "command line"));

        Map<String, Object> parsed = new LinkedHashMap<>();
        for (Setting s : settings) {
            parsed.put(s.key(), s.parse(raw.get(s.key()), envPrefix));
        }
        return new ConfigValues(parsed);
    }

    /** Every setting of {@code settings} at its default: the one definition a settings record's defaults come from. */
    public static ConfigValues defaults(List<Setting> settings) {
        return load(settings, Optional.empty(), Map.of(), Map.of());
    }

    private static void putKnown(Map<String, Setting> byKey, Map<String, String> raw, String key, String value, String source) {
        if (!byKey.containsKey(key)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' in " + source);
        }
        raw.put(key, value);
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
        return map;
    }

    /** The raw typed value of a setting (String, Integer, Long, Double, Boolean or Duration). */
    public Object value(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        return v;
    }

    public String str(String key) {
        return (String) value(key);
    }

    public int i(String key) {
        return (Integer) value(key);
    }

    public long l(String key) {
        return (Long) value(key);
    }

    public Duration d(String key) {
        return (Duration) value(key);
    }

    public double dbl(String key) {
        return (Double) value(key);
    }

    public boolean b(String key) {
        return (Boolean) value(key);
    }

    /** A markdown table of every setting: key, environment variable, default, bounds, description. */
    public static String markdownTable(List<Setting> settings) {
        return markdownTable(settings, "ANJU_");
    }

    public static String markdownTable(List<Setting> settings, String envPrefix) {
        StringBuilder sb = new StringBuilder("| setting | environment | default | bounds | description |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (Setting s : settings) {
            String bounds = s.bounds();
            String def = s.defaultValue().isEmpty() ? "(empty)" : s.defaultValue();
            sb.append("| `").append(s.key()).append("` | `").append(s.envName(envPrefix)).append("` | `").append(def)
                    .append("` | ").append(bounds).append(" | ").append(s.description()).append(" |\n");
        }
        return sb.toString();
    }

    /** A properties file listing every setting, commented out at its default, with its description. */
    public static String exampleProperties(String service, List<Setting> settings) {
        return exampleProperties(service, settings, "ANJU_");
    }

    public static String exampleProperties(String service, List<Setting> settings, String envPrefix) {
        StringBuilder sb = new StringBuilder("# Anju " + service + " configuration. Every line shows a setting at its default;\n")
                .append("# uncomment to change it. Environment variables (ANJU_...) and command-line flags override this file.\n")
                .append("# Durations: <n>ms, <n>s, <n>m, <n>h.\n");
        for (Setting s : settings) {
            sb.append("\n# ").append(s.description());
            if (s.kind() == Setting.Kind.CHOICE) {
                sb.append(" [").append(String.join(" | ", s.choices())).append(']');
            } else if (s.min() != null) {
                sb.append(" [").append(s.min()).append(" .. ").append(s.max()).append(']');
            }
            sb.append(" (").append(s.envName(envPrefix)).append(")\n#").append(s.key()).append('=').append(s.defaultValue()).append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
