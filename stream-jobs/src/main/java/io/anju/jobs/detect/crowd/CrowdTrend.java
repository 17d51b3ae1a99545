package io.anju.jobs.detect.crowd;

import io.anju.common.alert.Severity;
import io.anju.jobs.input.ZoneInfo;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The occupancy forecast of a zone: the least-squares slope of the readings in the trend window, and the time it
 * takes at that slope from the newest count to the threshold of the next level. The slope is the robust part (a
 * fit over many readings); the distance is measured from the newest count because a line fitted to a crowd that
 * fills ever faster (a surge) lags behind it, and would warn late.
 */
public final class CrowdTrend {
    private static final double MS_PER_MIN = 60_000.0;

    private CrowdTrend() {
    }

    /**
     * The forecast of the level above {@code from} (blue when {@code from} is null) from {@code samples} (oldest
     * first, already limited to the trend window); empty when the history is shorter than {@code trendMinSpan},
     * the trend is not rising, or {@code from} is red.
     */
    public static Optional<CrowdForecast> forecast(List<CrowdSample> samples, Severity from, ZoneInfo zone,
                                                   CrowdLevels levels, CrowdSettings s) {
        if (from == Severity.RED || samples.size() < 2) {
            return Optional.empty();
        }
        long newest = samples.get(samples.size() - 1).ts();
        if (newest - samples.get(0).ts() < s.trendMinSpan().toMillis()) {
            return Optional.empty();
        }
        double slope = slopePerMin(samples);
        if (!(slope > 0)) {
            return Optional.empty();
        }
        Severity next = from == null ? Severity.BLUE : from.raised();
        double threshold = levels.thresholdPersons(next, zone);
        int now = samples.get(samples.size() - 1).count();
        return Optional.of(new CrowdForecast(next, Math.max(0, (threshold - now) / slope), slope, threshold, now));
    }

    /** Minutes until the level above {@code from} at the current trend; empty when it is not rising. */
    public static OptionalDouble minutesToNextLevel(List<CrowdSample> samples, Severity from, ZoneInfo zone,
                                                    CrowdLevels levels, CrowdSettings s) {
        return forecast(samples, from, zone, levels, s).map(f -> OptionalDouble.of(f.minutes()))
                .orElse(OptionalDouble.empty());
    }

    /** Least-squares slope (people per minute) of {@code samples}. */
    static double slopePerMin(List<CrowdSample> samples) {
        long newest = samples.get(samples.size() - 1).ts();
        int n = samples.size();
        double meanX = 0;
        double meanY = 0;
        for (CrowdSample p : samples) {
            meanX += (p.ts() - newest) / MS_PER_MIN;
            meanY += p.count();
        }
        meanX /= n;
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (CrowdSample p : samples) {
            double dx = (p.ts() - newest) / MS_PER_MIN - meanX;
            sxy += dx * (p.count() - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }
}
