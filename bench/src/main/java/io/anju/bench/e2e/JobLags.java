package io.anju.bench.e2e;

import io.anju.dashboards.ops.PrometheusText;

import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The two lag gauges of the stream jobs, read from Flink's Prometheus text (what the jobs' {@code /metrics} serves):
 * <ul>
 * <li>alerting: {@code receiveLagMs} of the alerting job's Kafka source — wall clock minus the gateway receive time
 * of the newest record the source subtask read — as
 * {@value #RECEIVE_LAG}{@code {job_name="anju_alerts",subtask_index=..}}, one line per source subtask;</li>
 * <li>history: {@code historyLagMs} of the history job's chargers' sink — wall clock minus the newest event time
 * InfluxDB has taken — as {@value #HISTORY_LAG}{@code {job_name="anju_history",operator_name="InfluxDB:_chargers:_Writer"}},
 * one line per sink subtask (the other sink, {@code InfluxDB:_gates__zones__alerts:_Writer}, is as old as the newest
 * zone reading or alert and says nothing about falling behind).</li>
 * </ul>
 * Flink's reporter writes every character of a label value outside {@code [A-Za-z0-9:_]} as {@code _}: the job
 * {@code anju-alerts} is {@code job_name="anju_alerts"}. Each figure is the maximum over the subtasks (the job is as
 * far behind as its slowest subtask); {@link #ABSENT} when no line of it was there (a job restarting, a renamed
 * metric), so a missing figure never reads as "no lag".
 */
record JobLags(long alertingMs, long historyMs) {
    static final long ABSENT = -1;
    /** Neither job's lag known (no scrape yet, or one that failed). */
    static final JobLags NONE = new JobLags(ABSENT, ABSENT);
    static final String RECEIVE_LAG = "flink_taskmanager_job_task_operator_deserializer_receiveLagMs";
    static final String HISTORY_LAG = "flink_taskmanager_job_task_operator_historyLagMs";
    static final String ALERTS_JOB = "anju-alerts";
    static final String HISTORY_JOB = "anju-history";
    /** The sink's name in the history job; Flink's operator name adds {@code : Writer}. */
    static final String CHARGERS_SINK = "InfluxDB: chargers";
    private static final Pattern NOT_IN_LABELS = Pattern.compile("[^a-zA-Z0-9:_]");

    /** The metric families to ask the reporter for ({@code ?name[]=...}): all that is read here. */
    static final String[] FAMILIES = {RECEIVE_LAG, HISTORY_LAG};

    static JobLags read(String prometheusText) {
        PrometheusText t = PrometheusText.parse(prometheusText);
        String alerts = labelValue(ALERTS_JOB);
        String history = labelValue(HISTORY_JOB);
        String sink = labelValue(CHARGERS_SINK);
        return new JobLags(
                max(t, RECEIVE_LAG, l -> alerts.equals(l.get("job_name"))),
                max(t, HISTORY_LAG, l -> history.equals(l.get("job_name"))
                        && l.getOrDefault("operator_name", "").startsWith(sink)));
    }

    /** A name as Flink's Prometheus reporter writes it in a label value. */
    static String labelValue(String name) {
        return NOT_IN_LABELS.matcher(name).replaceAll("_");
    }

    private static long max(PrometheusText t, String family, Predicate<Map<String, String>> labels) {
        return t.named(family).stream()
                .filter(s -> labels.test(s.labels()) && !Double.isNaN(s.value()))
                .mapToLong(s -> Math.round(s.value()))
                .max().orElse(ABSENT);
    }
}
