package io.anju.jobs.input;

import io.anju.common.model.DeviceType;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the decoder makes of one envelope: typed records per device type and channel. The typed reading of each kind
 * has the same device, event time and location as its {@link #seen()}. Crosses the network with
 * {@link DeviceInputSerializer}.
 */
@TypeInfo(DeviceInputTypeInfo.Factory.class)
public sealed interface DeviceInput permits DeviceInput.Charger, DeviceInput.ChargerEvt, DeviceInput.Gate,
        DeviceInput.Crowd, DeviceInput.Camera, DeviceInput.Status, DeviceInput.Command, DeviceInput.Delivered {
    DeviceSeen seen();

    record Charger(DeviceSeen seen, ChargerTelemetry telemetry) implements DeviceInput {
    }

    record ChargerEvt(DeviceSeen seen, ChargerEvent event) implements DeviceInput {
    }

    record Gate(DeviceSeen seen, GateEvent event) implements DeviceInput {
    }

    record Crowd(DeviceSeen seen, CrowdReading reading) implements DeviceInput {
    }

    record Camera(DeviceSeen seen, CameraDetection detection) implements DeviceInput {
    }

    /** Status and anything else that only tells that the device is alive (or going away). */
    record Status(DeviceSeen seen) implements DeviceInput {
    }

    /**
     * Not from the device: a person's command to it, read from {@code anju.commands} (alerting job only). Its
     * {@link #seen()} names the charger and the command's time; it says nothing about the device's liveness and moves
     * no event time.
     */
    record Command(DeviceSeen seen, CaseCommand command) implements DeviceInput {
        public static Command of(CaseCommand c) {
            return new Command(new DeviceSeen(c.deviceId(), DeviceType.CHARGER, c.ts(), 0, null, false), c);
        }
    }

    /**
     * Not from the device: a gateway's report that it delivered a {@code stop_port} to the charger, read from
     * {@code anju.command-results} (alerting job only). Its {@link #seen()} names the charger and the delivery's
     * receive-clock time; like a {@link Command} it says nothing about liveness and moves no event time.
     */
    record Delivered(DeviceSeen seen, StopDelivery delivery) implements DeviceInput {
        public static Delivered of(StopDelivery d) {
            return new Delivered(new DeviceSeen(d.deviceId(), DeviceType.CHARGER, d.deliveredAt(), d.deliveredAt(),
                    null, false), d);
        }
    }
}
