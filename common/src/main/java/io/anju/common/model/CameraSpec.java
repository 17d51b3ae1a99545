package io.anju.common.model;

import java.util.List;

/** What a video-analytics camera watches ({@code elevator}, {@code corridor}, {@code shed}, {@code fire_lane}) and where. */
public record CameraSpec(String watches, String building) {
    /** The values of {@code watches} the video analytics understand. */
    public static final List<String> WATCHES = List.of("elevator", "corridor", "shed", "fire_lane");
}
