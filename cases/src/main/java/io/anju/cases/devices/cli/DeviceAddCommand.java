package io.anju.cases.devices.cli;

import io.anju.cases.devices.DeviceRegistry;
import io.anju.cases.devices.NewDevice;
import io.anju.common.model.CameraSpec;
import io.anju.common.model.ChargerDefaults;
import io.anju.common.model.ChargerSpec;
import io.anju.common.model.DeviceType;
import io.anju.common.model.GateSpec;
import io.anju.common.model.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code device add --id ID --type T --compound C|--zone Z [spec] [installation]}: prints the secret once. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Register a device; its secret is printed once (only its hash is kept).")
final class DeviceAddCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private DeviceStoreOptions store;

    @Option(names = "--id", required = true, description = "The device id (as the device connects with).")
    private String id;

    @Option(names = "--type", required = true, description = "charger, gate, crowd or camera.")
    private String type;

    @Option(names = "--compound", description = "The compound it stands in (chargers, gates, cameras).")
    private String compound;

    @Option(names = "--zone", description = "The crowd zone it watches (crowd counters).")
    private String zone;

    @Option(names = "--ports", description = "Charger: number of ports.")
    private Integer ports;

    @Option(names = "--port-limit-w", defaultValue = "" + ChargerDefaults.PORT_LIMIT_W,
            description = "Charger: per-port limit in W (default: ${DEFAULT-VALUE}).")
    private int portLimitW;

    @Option(names = "--station-refuse-w", defaultValue = "" + ChargerDefaults.STATION_REFUSE_W,
            description = "Charger: station load above which new sessions are refused, W (default: ${DEFAULT-VALUE}).")
    private int stationRefuseW;

    @Option(names = "--station-limit-w", defaultValue = "" + ChargerDefaults.STATION_LIMIT_W,
            description = "Charger: station limit in W (default: ${DEFAULT-VALUE}).")
    private int stationLimitW;

    @Option(names = "--watches", description = "Camera: elevator, corridor, shed or fire_lane.")
    private String watches;

    @Option(names = "--building", description = "Camera: the building it watches.")
    private String building;

    @Option(names = "--gate-kind", description = "Gate: pedestrian or vehicle.")
    private String gateKind;

    @Option(names = "--direction", description = "Gate: in, out or both.")
    private String direction;

    @Option(names = "--vendor", description = "Installation: vendor.")
    private String vendor;

    @Option(names = "--model", description = "Installation: model.")
    private String model;

    @Option(names = "--firmware", description = "Installation: firmware installed.")
    private String firmware;

    @Option(names = "--installed-on", description = "Installation: date (2026-12-01).")
    private String installedOn;

    @Option(names = "--property-company", description = "Installation: the property company responsible on site.")
    private String propertyCompany;

    @Option(names = "--disabled", description = "Register it disabled (it cannot connect until enabled).")
    private boolean disabled;

    @Override
    public Integer call() throws Exception {
        DeviceType t = DeviceType.fromWire(type).orElseThrow(() ->
                new IllegalArgumentException("--type must be charger, gate, crowd or camera (was " + type + ")"));
        Installation installation = vendor == null && model == null && firmware == null && installedOn == null
                && propertyCompany == null ? null
                : new Installation(vendor, model, firmware, installedOn, propertyCompany);
        NewDevice device = new NewDevice(id, t, compound, zone,
                t == DeviceType.CHARGER ? new ChargerSpec(ports == null ? 0 : ports, portLimitW, stationRefuseW,
                        stationLimitW) : null,
                t == DeviceType.CAMERA ? new CameraSpec(watches, building) : null,
                t == DeviceType.GATE ? new GateSpec(gateKind, direction) : null,
                installation, !disabled);
        try (DeviceSession session = store.open()) {
            DeviceRegistry.Issued issued = DeviceSession.await(session.devices().add(device, store.changedBy()));
            DeviceRotateCommand.printSecret(spec.commandLine().getOut(), "added " + id, issued);
        }
        return 0;
    }
}
