package io.anju.jobs.detect.fire;

import io.anju.jobs.input.CameraDetection;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/**
 * Confirms an e-bike in an elevator with Flink CEP: two detections of the same camera within the confirmation
 * window (5 s by default) make one confirmation; a single detection is background noise and makes none. After a
 * match the pattern starts afresh behind its second detection, so a third detection needs a fourth to confirm again.
 */
public final class ElevatorConfirmation {
    static final String EBIKE_IN_ELEVATOR = "ebike_in_elevator";

    private ElevatorConfirmation() {
    }

    /** Confirmations as {@link FireSignal.Kind#EBIKE_IN_ELEVATOR_CONFIRMED} signals, in event time. */
    public static DataStream<FireSignal> confirm(DataStream<CameraDetection> detections, ElevatorSettings settings) {
        DataStream<CameraDetection> ebikes = detections
                .filter(d -> EBIKE_IN_ELEVATOR.equals(d.kind()))
                .name("ebike-in-elevator detections");
        return CEP.pattern(ebikes.keyBy(CameraDetection::deviceId), pattern(settings))
                .inEventTime()
                .process(new Confirm(), TypeInformation.of(FireSignal.class))
                .uid("confirm-ebike-elevator").name("confirm ebike in elevator");
    }

    static Pattern<CameraDetection, CameraDetection> pattern(ElevatorSettings settings) {
        return Pattern.<CameraDetection>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .next("second")
                .within(settings.confirmWindow());
    }

    private static final class Confirm extends PatternProcessFunction<CameraDetection, FireSignal> {
        @Override
        public void processMatch(Map<String, List<CameraDetection>> match, Context ctx, Collector<FireSignal> out) {
            out.collect(FireSignals.elevatorConfirmed(match.get("first").get(0), match.get("second").get(0)));
        }
    }
}
