package io.anju.jobs.command.cap;

import io.anju.common.alert.Alert;
import io.anju.common.alert.AlertFact;
import io.anju.common.alert.AlertStatus;
import io.anju.common.alert.AlertType;
import io.anju.common.alert.Evidence;
import io.anju.common.alert.Severity;
import io.anju.common.command.DeviceCommand;
import io.anju.common.model.LocationChain;
import io.anju.jobs.alert.AlertBook;
import io.anju.jobs.alert.AlertDraft;
import io.anju.jobs.command.StopOutcome;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The stops one compound's cap holds, and its {@code mass_cutoff_held} alert (red, {@code confirm_stops}): raised by
 * the first held stop, updated with each further one (its summary lists every stop still held, its evidence the one
 * just held with the alert that asked for it), cleared when every alert that asked for a held stop has cleared. A held
 * stop is remembered until its asking alert has cleared and the port's readings have shown it off: until then the
 * per-device stop watch may still speak of it (retries, outcomes, a {@code stop_unconfirmed} raise and clear), and all
 * of that is dropped, since the stop was never sent.
 */
final class HeldStops {
    static final String CONFIRM_STOPS = "confirm_stops";
    /** Held stops by the id of the alert that asked for them. */
    static final MapStateDescriptor<String, HeldStop> HELD =
            new MapStateDescriptor<>("stop-cap-held", Types.STRING, TypeInformation.of(HeldStop.class));
    /** Ids of {@code stop_unconfirmed} alerts about held stops, dropped in every revision until their clear. */
    static final MapStateDescriptor<String, Boolean> MUTED =
            new MapStateDescriptor<>("stop-cap-muted", Types.STRING, Types.BOOLEAN);
    /** How many held stops the summary names; the rest are counted. */
    private static final int NAMED = 8;

    private final MapState<String, HeldStop> held;
    private final MapState<String, Boolean> muted;
    private final AlertBook book;

    private HeldStops(MapState<String, HeldStop> held, MapState<String, Boolean> muted, AlertBook book) {
        this.held = held;
        this.muted = muted;
        this.book = book;
    }

    static HeldStops open(RuntimeContext ctx) {
        return new HeldStops(ctx.getMapState(HELD), ctx.getMapState(MUTED),
                new AlertBook(ctx.getMapState(AlertBook.descriptor("massCutoffAlerts"))));
    }

    /** Holds the first stop {@code askedBy} asked for; returns the compound's alert revision. */
    Optional<Alert> hold(String compoundId, DeviceCommand command, Alert askedBy, int cap) throws Exception {
        long ts = askedBy.lastEventTs();
        held.put(askedBy.id(), new HeldStop(askedBy.id(), askedBy.type(), command.deviceId(), command.port(), ts,
                askedBy.location(), false, false));
        return revise(compoundId, askedBy.location(), ts, listed(), cap,
                List.of(Evidence.heldStop(ts, command.deviceId(), command.port(), askedBy.id())));
    }

    /**
     * A new stop of a port takes the stop watch off a held one of the same port: nothing more is said about that one
     * (it stays listed until its alert clears).
     */
    void supersede(String deviceId, int port) throws Exception {
        for (HeldStop h : all()) {
            if (h.isPort(deviceId, port) && !h.watchEnded()) {
                keepOrForget(h.endWatch());
            }
        }
    }

    /** Whether {@code alertId} asked for a stop that is held. */
    boolean isHeld(String alertId) throws Exception {
        return alertId != null && held.contains(alertId);
    }

    /** An outcome of a held stop: a confirmation, or a person's resume of the port, ends the stop watch's interest. */
    void onOutcome(StopOutcome o) throws Exception {
        HeldStop h = held.get(o.alertId());
        if ("confirmed".equals(o.outcome()) || StopOutcome.RESUMED.equals(o.outcome())) {
            keepOrForget(h.endWatch());
        }
    }

    /** True when a {@code stop_unconfirmed} revision is about a held stop (and is not to be sent on). */
    boolean mutes(Alert stopUnconfirmed) throws Exception {
        if (muted.contains(stopUnconfirmed.id())) {
            if (!stopUnconfirmed.open()) {
                muted.remove(stopUnconfirmed.id());
            }
            return true;
        }
        if (stopUnconfirmed.status() != AlertStatus.RAISED) {
            return false;
        }
        for (HeldStop h : all()) {
            if (h.isPort(stopUnconfirmed.deviceId(), stopUnconfirmed.port()) && !h.watchEnded()) {
                muted.put(stopUnconfirmed.id(), true);
                return true;
            }
        }
        return false;
    }

    /** The alert that asked for a stop has cleared; returns the compound's alert revision, if it changed. */
    Optional<Alert> release(String compoundId, Alert cleared, int cap) throws Exception {
        HeldStop h = held.get(cleared.id());
        if (h == null || h.released()) {
            return Optional.empty();
        }
        keepOrForget(h.release());
        List<HeldStop> still = listed();
        String key = Alert.dedupKey(AlertType.MASS_CUTOFF_HELD, compoundId);
        if (!book.isOpen(key)) {
            return Optional.empty();
        }
        if (still.isEmpty()) {
            return book.clear(key, cleared.lastEventTs(), "No automatic stop held in " + compoundId
                    + " any more: every alert that asked for one has cleared", List.of());
        }
        return revise(compoundId, h.location(), cleared.lastEventTs(), still, cap, List.of());
    }

    /** The compound's alert naming the stops still held; its fact counts them against the cap they went past. */
    private Optional<Alert> revise(String compoundId, LocationChain location, long ts, List<HeldStop> stops, int cap,
                                   List<Evidence> evidence) throws Exception {
        return book.raiseOrRevise(AlertDraft.compound(AlertType.MASS_CUTOFF_HELD, Severity.RED, compoundId, location,
                ts, summary(compoundId, stops, cap), CONFIRM_STOPS, evidence,
                List.of(AlertFact.against("heldStops", stops.size(), "stops", cap))));
    }

    private void keepOrForget(HeldStop h) throws Exception {
        if (h.settled()) {
            held.remove(h.alertId());
        } else {
            held.put(h.alertId(), h);
        }
    }

    private List<HeldStop> all() throws Exception {
        List<HeldStop> all = new ArrayList<>();
        held.values().forEach(all::add);
        return all;
    }

    /** The stops still waiting for a person, oldest first. */
    private List<HeldStop> listed() throws Exception {
        return all().stream().filter(h -> !h.released())
                .sorted(Comparator.comparingLong(HeldStop::heldTs).thenComparing(HeldStop::deviceId)
                        .thenComparingInt(HeldStop::port))
                .toList();
    }

    static String summary(String compoundId, List<HeldStop> stops, int cap) {
        StringBuilder s = new StringBuilder();
        s.append(stops.size()).append(stops.size() == 1 ? " automatic stop" : " automatic stops")
                .append(" held in ").append(compoundId).append(" (more than ").append(cap)
                .append(" within a minute): ");
        for (int i = 0; i < Math.min(NAMED, stops.size()); i++) {
            HeldStop h = stops.get(i);
            s.append(i == 0 ? "" : ", ").append(h.deviceId()).append(" port ").append(h.port()).append(" (")
                    .append(h.askedBy().wireName()).append(')');
        }
        if (stops.size() > NAMED) {
            s.append(" and ").append(stops.size() - NAMED).append(" more");
        }
        return s.append("; confirm each stop").toString();
    }
}
