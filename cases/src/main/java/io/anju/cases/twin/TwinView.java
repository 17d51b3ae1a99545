package io.anju.cases.twin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.anju.common.twin.DeviceTwin;

import java.util.List;

/** What GET /api/v1/devices/{id}/twin answers: the device's twin with its open cases, newest first. */
public record TwinView(@JsonUnwrapped DeviceTwin twin, List<OpenAlert> openAlerts) {
}
