package io.anju.jobs.registry;

import java.io.Serializable;

/** What a camera watches (elevator, corridor, shed, fire_lane) and in which building, from the registry. */
public record CameraView(String watches, String building) implements Serializable {
}
