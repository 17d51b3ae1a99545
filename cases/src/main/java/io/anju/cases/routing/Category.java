package io.anju.cases.routing;

import io.anju.cases.model.ResponseLevel;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Severity;
import io.anju.common.model.DeviceType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One case category, in the spirit of GB/T 30428's major/minor classes: who handles it and how fast.
 *
 * @param code               {@code major-minor}, e.g. {@code 01-01}
 * @param major              the major class name
 * @param name               the minor class name (English)
 * @param nameZh             the minor class name (Chinese)
 * @param group              the family the category belongs to: {@code charger}, {@code crowd}, {@code gate},
 *                           {@code building}, {@code device}, {@code general}
 * @param department         the responsible department code (fire, property, police, street_emergency, …)
 * @param supportDepartments departments that also see the case (a department's responders from dispatch on, its
 *                           managers from filing) and are named when it is dispatched
 * @param alertTypes         alert types filed under this category (empty for categories reported only by hand)
 * @param deviceTypes        when not empty, only alerts of these kinds of device are filed here: another category
 *                           takes the same alert types from every other device (e.g. a crowd counter's
 *                           {@code device_offline} goes to the street's emergency team, a charger's to property)
 * @param dispatchWithin     from filing to dispatch: the dispatch deadline, chased by supervision
 * @param acknowledgeWithin  from filing to a person's acknowledgement (verify), per severity; never longer than the
 *                           dispatch limit
 * @param handleWithin       from dispatch to closure, per severity: red and orange are the urgent variants
 * @param response           per severity, what a warning opens: a case, a watch item or only a notice
 */
public record Category(String code, String major, String name, String nameZh, String group, String department,
                       List<String> supportDepartments, List<AlertType> alertTypes, List<DeviceType> deviceTypes,
                       Duration dispatchWithin, Map<Severity, Duration> acknowledgeWithin,
                       Map<Severity, Duration> handleWithin, Map<Severity, ResponseLevel> response) {

    public Category {
        supportDepartments = List.copyOf(supportDepartments == null ? List.of() : supportDepartments);
        alertTypes = List.copyOf(alertTypes == null ? List.of() : alertTypes);
        deviceTypes = List.copyOf(deviceTypes == null ? List.of() : deviceTypes);
        acknowledgeWithin = acknowledgeWithin == null ? Map.of() : Map.copyOf(acknowledgeWithin);
        handleWithin = Map.copyOf(handleWithin);
        response = Map.copyOf(response == null ? Map.of() : response);
    }

    /** The acknowledge time limit for a case of this category at {@code severity}. */
    public Duration acknowledgeWithin(Severity severity) {
        return acknowledgeWithin.get(severity);
    }

    /** The handling time limit for a case of this category at {@code severity}. */
    public Duration handleWithin(Severity severity) {
        return handleWithin.get(severity);
    }

    /**
     * This category with every time limit divided by {@code factor}: a demo that plays the world faster keeps its
     * people's deadlines in step with it.
     */
    public Category scaledBy(double factor) {
        return new Category(code, major, name, nameZh, group, department, supportDepartments, alertTypes, deviceTypes,
                shorter(dispatchWithin, factor), shorter(acknowledgeWithin, factor), shorter(handleWithin, factor),
                response);
    }

    private static Map<Severity, Duration> shorter(Map<Severity, Duration> limits, double factor) {
        Map<Severity, Duration> out = new EnumMap<>(Severity.class);
        limits.forEach((severity, limit) -> out.put(severity, shorter(limit, factor)));
        return out;
    }

    private static Duration shorter(Duration limit, double factor) {
        return Duration.ofMillis(Math.max(1, Math.round(limit.toMillis() / factor)));
    }

    /** What a warning of this category at {@code severity} opens. */
    public ResponseLevel response(Severity severity) {
        return response.get(severity);
    }
}
