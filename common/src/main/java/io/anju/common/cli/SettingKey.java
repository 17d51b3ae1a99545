package io.anju.common.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a picocli option field that stands for a setting: given, its value overrides that setting
 * ({@link SettingsOptions#putFlags}), so a flag and its setting are named together, once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface SettingKey {
    /** The setting's key, e.g. {@code kafka.port}. */
    String value();
}
