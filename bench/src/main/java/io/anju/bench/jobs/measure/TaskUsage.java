package io.anju.bench.jobs.measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each task's mean busy, back-pressured and idle ms per second between two snapshots, from Flink's
 * {@code accumulate…TimeMs} totals (exact over the window up to Flink's 5 s update step, unlike the
 * {@code …TimeMsPerSecond} gauges, which are 60 s moving averages).
 *
 * @param task      a short name: the first operator of the chain (the rest shown as "…")
 * @param subtasks  how many subtasks the mean is over
 * @param mean      the mean over the subtasks, ms per second
 * @param busiestMs the busiest subtask's busy ms per second (skew between subtasks shows here)
 */
public record TaskUsage(String task, int subtasks, TaskTime mean, double busiestMs) {

    /** Every task of {@code to} that {@code from} also has, the busiest first. */
    public static List<TaskUsage> between(JobSnapshot from, JobSnapshot to, double seconds) {
        Map<String, List<TaskTime>> byTask = new TreeMap<>();
        to.tasks().forEach((key, total) -> {
            TaskTime before = from.tasks().get(key);
            if (before != null) {
                byTask.computeIfAbsent(key.task(), k -> new ArrayList<>()).add(total.minus(before).per(seconds));
            }
        });
        List<TaskUsage> usage = new ArrayList<>();
        byTask.forEach((task, subtasks) -> {
            int n = subtasks.size();
            TaskTime mean = new TaskTime(
                    subtasks.stream().mapToDouble(TaskTime::busyMs).sum() / n,
                    subtasks.stream().mapToDouble(TaskTime::backPressuredMs).sum() / n,
                    subtasks.stream().mapToDouble(TaskTime::idleMs).sum() / n);
            double busiest = subtasks.stream().mapToDouble(TaskTime::busyMs).max().orElse(0);
            usage.add(new TaskUsage(shortName(task), n, mean, busiest));
        });
        usage.sort(Comparator.comparingDouble((TaskUsage u) -> u.mean().busyMs()).reversed());
        return usage;
    }

    /**
     * Flink's reporter turns every character of a task name outside {@code [a-zA-Z0-9:_]} into {@code _}, so the
     * chain {@code "Source: device-envelopes -> (registry attributes, …)"} arrives as
     * {@code Source:_device_envelopes____registry_attributes_…}: the first operator, with the rest as "…".
     */
    static String shortName(String label) {
        int chain = label.indexOf("____");
        String first = (chain < 0 ? label : label.substring(0, chain)).replace('_', ' ').strip();
        return chain < 0 ? first : first + " → …";
    }
}
